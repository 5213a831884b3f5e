package audit

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keyhound/keyhound/internal/fakeexchange"
	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

const (
	key    = "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf"
	secret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
)

// options builds a scanner with the default packs and an engine whose
// Binance verifier calls a test server that checks the signature and
// reports a key that trades and withdraws without an IP allow-list.
// calls counts the permission requests.
func options(t *testing.T) (Options, *atomic.Int64) {
	t.Helper()
	calls := new(atomic.Int64)
	srv := fakeexchange.Binance(t, key, secret, 0, fakeexchange.Restrictions(false, true, true, time.Now()), calls)
	packs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	e, err := verify.NewEngine(verify.All(), verify.Options{Endpoints: map[string]string{"binance": srv.URL}, Retries: -1, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return Options{Scanner: &scan.Scanner{Rules: set}, Engine: e}, calls
}

func TestRunSources(t *testing.T) {
	o, calls := options(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keys.env"), []byte("BINANCE_API_KEY="+key+"\nBINANCE_API_SECRET="+secret+"\n"), 0o600)
	environ := []string{
		"HOME=/home/me",
		"AAA_PEM=-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIB\n-----END PRIVATE KEY-----", // a multi-line value before the key
		"BINANCE_API_SECRET=" + secret,
		"BINANCE_API_KEY=" + key,
		"GITHUB_TOKEN=not-an-exchange-credential",
	}
	rep, err := Run(context.Background(), []Source{Path(filepath.Join(dir, "keys.env")), Environ(environ), Path(filepath.Join(dir, "missing.env"))}, o)
	if err != nil {
		t.Fatal(err)
	}
	// One key found in two sources: one row, verified once, both places.
	if len(rep.Findings) != 1 || calls.Load() != 1 {
		t.Fatalf("%d findings, %d calls: %+v", len(rep.Findings), calls.Load(), rep.Findings)
	}
	f := rep.Findings[0]
	var where []string
	for _, l := range f.Locations {
		where = append(where, l.Path)
	}
	if got := strings.Join(where, " "); got != filepath.ToSlash(filepath.Join(dir, "keys.env"))+" env:BINANCE_API_KEY" {
		t.Errorf("locations %q", got)
	}
	if f.Verification == nil || f.Verification.Status != verify.Live || !f.Policy.Failed() || f.Remediation == nil || !Failed(rep) {
		t.Errorf("finding %+v policy %+v", f.Verification, f.Policy)
	}
	if len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0], "missing.env") {
		t.Errorf("errors %q", rep.Errors)
	}
	if rep.Mode != Mode || rep.EndpointOverrides["binance"] == "" || !rep.Redacted || strings.Contains(f.Parts[0].Value, key[8:]) {
		t.Errorf("report %+v", rep)
	}
}

// TestRunUnverified: a key without its secret is listed, not verified,
// and not compliant; a lowered policy decides whether it fails.
func TestRunUnverified(t *testing.T) {
	o, calls := options(t)
	o.Policy = policy.Config{Levels: map[policy.Rule]policy.Level{policy.Unverified: policy.Fail}}
	rep, err := Run(context.Background(), []Source{Stream("stdin", strings.NewReader("BINANCE_API_KEY="+key+"\n"))}, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || calls.Load() != 0 {
		t.Fatalf("%+v (%d calls)", rep.Findings, calls.Load())
	}
	if f := rep.Findings[0]; f.Verification != nil || f.Policy.Compliant || !Failed(rep) || f.Remediation != nil {
		t.Errorf("%+v", f.Policy)
	}
	if _, err := Run(context.Background(), nil, Options{}); err == nil {
		t.Error("no scanner, no engine: no error")
	}
}
