package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/verify"
)

func TestWriteAudit(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	rep := policyReport(t) // a failing live key and a dead one
	incomplete := Finding{RuleID: "okx", Exchange: "okx", Fingerprint: "fp3", Parts: []Part{{Part: "key", Value: "0f…"}}, Locations: []Location{{Path: "env:OKX_API_KEY"}}}
	incomplete.Judge(policy.Config{}, now)
	readOnly := &verify.Result{Exchange: "kraken", Status: verify.Live, Reason: "ok", IPRestricted: verify.Yes,
		Permissions: verify.Permissions{Read: verify.Yes, Trade: verify.No, Withdraw: verify.No, Transfer: verify.No}}
	good := Finding{RuleID: "kraken", Exchange: "kraken", Fingerprint: "fp4", Complete: true, Parts: []Part{{Part: "key", Value: "kr…"}},
		Locations: []Location{{Path: "keys.yaml", Line: 4}}, Verification: readOnly}
	good.Judge(policy.Config{}, now)
	rep.Findings = append(rep.Findings, incomplete, good)
	var b bytes.Buffer
	if err := WriteAudit(&b, rep, AuditOptions{Now: now}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "VENUE") || !strings.Contains(lines[0], "IP ALLOW-LIST") || !strings.HasSuffix(lines[0], "POLICY") {
		t.Errorf("header %q", lines[0])
	}
	for _, want := range []string{
		"binance  Qm7x…(64 chars)  live          yes   yes    yes       no        no             200d  FAIL withdraw-without-ip-allowlist,trade-and-withdraw; warn no-ip-allowlist,key-age\n",
		"binance  -                dead          -     -      -         -         -              -     -\n",
		"okx      0f…              not verified  -     -      -         -         -              -     warn unverified\n",
		"kraken   kr…              live          yes   no     no        no        yes            ?     compliant\n",
		"    why:        incomplete: only key found, so it could not be verified\n",
		"    read from:  keys.yaml:4\n",
		"    revoke at:  https://www.kraken.com/",
		"4 keys: 1 fails the policy, 0 with warnings only, 1 compliant, 1 dead (the exchange does not know the key), 1 not verified (never counted as compliant)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("audit lacks %q:\n%s", want, out)
		}
	}
	var empty bytes.Buffer
	WriteAudit(&empty, &Report{}, AuditOptions{})
	if empty.String() != "\nno exchange credentials found\n" {
		t.Errorf("empty: %q", empty.String())
	}
}
