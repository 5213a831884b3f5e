package engine_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/internal/fakeexchange"
	"github.com/keyhound/keyhound/policy"
)

// violations lists a verdict's rules as level:rule.
func violations(v *policy.Verdict) string {
	if v == nil {
		return "no verdict"
	}
	var out []string
	for _, x := range v.Violations {
		out = append(out, string(x.Level)+":"+string(x.Rule))
	}
	return strings.Join(out, " ")
}

// TestRunAppliesPolicy: every verified finding of engine.Run carries the
// policy's verdict, from the repository's [policy] table unless
// Options.Policy is given, and a live key its remediation; without
// verification no verdict is made.
func TestRunAppliesPolicy(t *testing.T) {
	srv := fakeexchange.Binance(t, key, secret, 0, fakeexchange.Restrictions(false, true, true, time.Now()), nil)
	dir := t.TempDir()
	write(t, dir, "bot/.env", env)
	write(t, dir, ".keyhound.toml", "[policy]\ntrade-and-withdraw = \"off\"\nno-ip-allowlist = \"fail\"\n")
	run := func(o engine.Options) *engine.Result {
		t.Helper()
		o.Target, o.Endpoints = dir, map[string]string{"binance": srv.URL}
		res, err := engine.Run(t.Context(), o)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Report.Findings) != 1 {
			t.Fatalf("%d findings, err %v", len(res.Report.Findings), res.Err)
		}
		return res
	}
	res := run(engine.Options{Verify: true})
	f := res.Report.Findings[0]
	if got := violations(f.Policy); got != "fail:withdraw-without-ip-allowlist fail:no-ip-allowlist" {
		t.Errorf("verdict under the repository's [policy]: %s", got)
	}
	if f.Remediation == nil || f.Remediation.ManageURL == "" {
		t.Errorf("a live key without remediation: %+v", f.Remediation)
	}
	if s := res.Config.Summary.Policy; len(s) != 2 {
		t.Errorf("summary of the policy's changes: %q", s)
	}
	def := policy.Config{}
	f = run(engine.Options{Verify: true, Policy: &def}).Report.Findings[0]
	if got := violations(f.Policy); got != "fail:withdraw-without-ip-allowlist fail:trade-and-withdraw warn:no-ip-allowlist" {
		t.Errorf("verdict under Options.Policy (the default): %s", got)
	}
	f = run(engine.Options{}).Report.Findings[0]
	if f.Policy != nil || f.Remediation != nil {
		t.Errorf("unverified finding judged: %+v %+v", f.Policy, f.Remediation)
	}
}

// TestRunPaths: Options.Paths limits a directory scan to the paths named,
// with locations relative to Target.
func TestRunPaths(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/.env", env)
	write(t, dir, "b/.env", env)
	write(t, dir, "c/readme.md", "nothing\n")
	res, err := engine.Run(t.Context(), engine.Options{Target: dir, Paths: []string{filepath.Join(dir, "b", ".env"), filepath.Join(dir, "c")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report.Findings) != 1 || len(res.Report.Findings[0].Locations) != 1 || res.Report.Findings[0].Locations[0].Path != "b/.env" {
		t.Errorf("findings %+v, want b/.env alone", res.Report.Findings)
	}
	if _, err := engine.Run(t.Context(), engine.Options{Mode: engine.History, Target: dir, Paths: []string{dir}}); err == nil {
		t.Error("Paths accepted on a history scan")
	}
}
