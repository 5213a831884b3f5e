package main

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/internal/fakeexchange"
)

func binanceKeyServer(t *testing.T, status int, reply string) *httptest.Server {
	return fakeexchange.Binance(t, binKey, binSecret, status, reply, nil)
}

var restrictions = fakeexchange.Restrictions

// auditJSON is the part of the JSON report the audit tests read.
type auditJSON struct {
	Mode     string `json:"mode"`
	Findings []struct {
		Exchange  string `json:"exchange"`
		Locations []struct {
			Path string `json:"path"`
		} `json:"locations"`
		Verification *struct {
			Status string `json:"status"`
		} `json:"verification"`
		Policy *struct {
			Violations []struct{ Rule, Level, Message string } `json:"violations"`
			Compliant  bool                                    `json:"compliant"`
		} `json:"policy"`
		Remediation *struct {
			ManageURL string `json:"manage_url"`
		} `json:"remediation"`
	} `json:"findings"`
	Overrides map[string]string `json:"endpoint_overrides"`
}

func parseAudit(t *testing.T, out string) auditJSON {
	t.Helper()
	var rep auditJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return rep
}

func violations(rep auditJSON) string {
	var out []string
	for _, f := range rep.Findings {
		if f.Policy == nil {
			out = append(out, "no policy")
			continue
		}
		for _, v := range f.Policy.Violations {
			out = append(out, v.Level+":"+v.Rule)
		}
	}
	return strings.Join(out, " ")
}

// TestAuditBinanceKeys runs `keyhound audit FILE` on one Binance key
// whose permissions the test server varies.
func TestAuditBinanceKeys(t *testing.T) {
	recent := time.Now().Add(-10 * 24 * time.Hour)
	cases := []struct {
		name       string
		reply      string
		status     int
		code       int
		violations string
		text       []string
	}{
		{"withdrawals without an IP allow-list", restrictions(false, true, true, recent), 0, 1,
			"fail:withdraw-without-ip-allowlist fail:trade-and-withdraw warn:no-ip-allowlist",
			[]string{"FAIL withdraw-without-ip-allowlist,trade-and-withdraw; warn no-ip-allowlist", "policy:     FAIL withdraw-without-ip-allowlist: can withdraw funds and is not restricted to an IP allow-list",
				"revoke at:  https://www.binance.com/en/my/settings/api-management", "1 key: 1 fails the policy"}},
		// The same key with an allow-list no longer breaks the IP rules;
		// trading and withdrawing on one key still breaks trade-and-withdraw.
		{"the same key with an IP allow-list", restrictions(true, true, true, recent), 0, 1,
			"fail:trade-and-withdraw", []string{"FAIL trade-and-withdraw"}},
		{"withdraw-only key with an IP allow-list", restrictions(true, false, true, recent), 0, 0,
			"", []string{"compliant", "1 key: 0 fail the policy, 0 with warnings only, 1 compliant"}},
		{"read-only key with an IP allow-list", restrictions(true, false, false, recent), 0, 0,
			"", []string{"binance  Qm7x…(64 chars)  live    yes   no     no        no        yes            10d  compliant"}},
		{"read-only key, 400 days old", restrictions(true, false, false, time.Now().Add(-400*24*time.Hour)), 0, 0,
			"warn:key-age", []string{"400d", "warn key-age: created "}},
		{"rate limited: never compliant", "", 429, 0,
			"warn:unverified", []string{"indeterminate", "warn unverified", "1 not verified (never counted as compliant)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "keys.env", envText)
			srv := binanceKeyServer(t, tc.status, tc.reply)
			r := keyhound(t, dir, "", "audit", "keys.env", "--endpoint", "binance="+srv.URL)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, want := range append(tc.text, "keys.env:1", "endpoint overridden") {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("text lacks %q:\n%s", want, r.stdout)
				}
			}
			if tc.status != 0 && strings.Contains(r.stdout, "compliant\n") {
				t.Errorf("an indeterminate key reported compliant:\n%s", r.stdout)
			}
			if strings.Contains(r.stdout+r.stderr, binSecret) || strings.Contains(r.stdout+r.stderr, binKey) {
				t.Error("a secret leaked")
			}
			j := keyhound(t, dir, "", "audit", "keys.env", "--endpoint", "binance="+srv.URL, "-f", "json")
			rep := parseAudit(t, j.stdout)
			if j.code != tc.code || rep.Mode != "audit" || len(rep.Findings) != 1 || violations(rep) != tc.violations {
				t.Errorf("json: exit %d, violations %q, want %q\n%s", j.code, violations(rep), tc.violations, j.stdout)
			}
			if f := rep.Findings[0]; f.Policy.Compliant != (tc.violations == "") {
				t.Errorf("compliant = %v", f.Policy.Compliant)
			}
			if f := rep.Findings[0]; (f.Remediation != nil) != (tc.status == 0) {
				t.Errorf("remediation %+v for status %s", f.Remediation, f.Verification.Status)
			}
			sarif := keyhound(t, dir, "", "audit", "keys.env", "--endpoint", "binance="+srv.URL, "-f", "sarif")
			if sarif.code != tc.code {
				t.Errorf("sarif: exit %d", sarif.code)
			}
			validateSARIF(t, []byte(sarif.stdout))
			for _, v := range strings.Fields(tc.violations) {
				level, rule, _ := strings.Cut(v, ":")
				if !strings.Contains(sarif.stdout, `"rule": "`+rule+`"`) || !strings.Contains(sarif.stdout, level+" "+rule) {
					t.Errorf("sarif lacks %s", v)
				}
			}
			if strings.Contains(sarif.stdout, binKey) || strings.Contains(sarif.stdout, binSecret) {
				t.Error("SARIF holds a secret")
			}
		})
	}
}

// TestAuditEnv: `keyhound audit --env` finds the key in the environment
// by variable name, prints nothing else of it, and reports in text, JSON
// and SARIF.
func TestAuditEnv(t *testing.T) {
	dir := t.TempDir()
	srv := binanceKeyServer(t, 0, restrictions(false, true, true, time.Now()))
	const other = "UNRELATED_TOKEN=ghp_notAKeyhoundCredential0123456789"
	env := []string{"BINANCE_API_KEY=" + binKey, "BINANCE_API_SECRET=" + binSecret, other, "KEYHOUND_ENDPOINT_BINANCE=" + srv.URL}
	// Each format in a subtest: in-process runs set the environment with
	// t.Setenv, restored when the subtest ends.
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			r := keyhoundEnv(t, dir, env, "audit", "--env", "-f", format)
			if r.code != 1 {
				t.Fatalf("%s: exit %d\n%s%s", format, r.code, r.stdout, r.stderr)
			}
			out := r.stdout + r.stderr
			for _, leak := range []string{binSecret, binKey, "ghp_notAKeyhoundCredential", "UNRELATED_TOKEN"} {
				if strings.Contains(out, leak) {
					t.Errorf("%s: the output holds %q", format, leak)
				}
			}
			switch format {
			case "text":
				if !strings.Contains(r.stdout, "read from:  env:BINANCE_API_") || !strings.Contains(r.stdout, "FAIL withdraw-without-ip-allowlist") {
					t.Errorf("text:\n%s", r.stdout)
				}
			case "json":
				rep := parseAudit(t, r.stdout)
				if len(rep.Findings) != 1 || !strings.HasPrefix(rep.Findings[0].Locations[0].Path, "env:BINANCE_API_") || rep.Overrides["binance"] != srv.URL {
					t.Errorf("json: %+v", rep)
				}
			case "sarif":
				validateSARIF(t, []byte(r.stdout))
				if !strings.Contains(r.stdout, `"rule": "withdraw-without-ip-allowlist"`) || !strings.Contains(r.stdout, "Policy: fail withdraw-without-ip-allowlist") {
					t.Errorf("sarif lacks the policy:\n%s", r.stdout)
				}
			}
		})
	}
	// Nothing recognised in the environment: nothing to report, exit 0.
	if r := keyhoundEnv(t, dir, []string{other}, "audit", "--env"); r.code != 0 || !strings.Contains(r.stdout, "no exchange credentials found") || strings.Contains(r.stdout, "ghp_") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

// TestAuditSources: standard input, a YAML inventory in a directory,
// and errors.
func TestAuditSources(t *testing.T) {
	dir := t.TempDir()
	srv := binanceKeyServer(t, 0, restrictions(true, false, false, time.Now()))
	if r := keyhound(t, dir, envText, "audit", "-", "--endpoint", "binance="+srv.URL); r.code != 0 || !strings.Contains(r.stdout, "compliant") || !strings.Contains(r.stdout, "read from:  stdin") {
		t.Errorf("stdin: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write(t, dir, "store/keys.yaml", "exchanges:\n  binance:\n    api_key: "+binKey+"\n    api_secret: "+binSecret+"\n")
	r := keyhound(t, dir, "", "audit", "store", "-f", "json", "--endpoint", "binance="+srv.URL)
	rep := parseAudit(t, r.stdout)
	if r.code != 0 || len(rep.Findings) != 1 || rep.Findings[0].Locations[0].Path != "store/keys.yaml" || rep.Findings[0].Verification == nil || rep.Findings[0].Verification.Status != "live" {
		t.Errorf("yaml inventory: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A missing path is an error (exit 2); the other sources are still audited.
	r = keyhound(t, dir, "", "audit", "store", "missing.env", "--endpoint", "binance="+srv.URL)
	if r.code != 2 || !strings.Contains(r.stdout, "compliant") || !strings.Contains(r.stdout, "missing.env") {
		t.Errorf("missing path: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{
		{"audit", "store", "-f", "yaml"},
		{"audit", "store", "--endpoint", "nosuch=http://127.0.0.1:1"},
		{"audit", "store", "--only-live"},
	} {
		if r := keyhound(t, dir, "", args...); r.code != 2 {
			t.Errorf("%v: exit %d", args, r.code)
		}
	}
}

// TestAuditPolicyConfig: the levels of .keyhound.toml's [policy] decide
// the exit code, and a bad one is an error at its file and line.
func TestAuditPolicyConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "keys.env", envText)
	srv := binanceKeyServer(t, 0, restrictions(false, true, true, time.Now().Add(-45*24*time.Hour)))
	write(t, dir, ".keyhound.toml", "[policy]\nwithdraw-without-ip-allowlist = \"warn\"\ntrade-and-withdraw = \"warn\"\n")
	r := keyhound(t, dir, "", "audit", "keys.env", "-f", "json", "--endpoint", "binance="+srv.URL)
	if rep := parseAudit(t, r.stdout); r.code != 0 || violations(rep) != "warn:withdraw-without-ip-allowlist warn:trade-and-withdraw warn:no-ip-allowlist" {
		t.Errorf("levels lowered to warn: exit %d, %s", r.code, violations(rep))
	}
	write(t, dir, ".keyhound.toml", "[policy]\nwithdraw-without-ip-allowlist = \"off\"\ntrade-and-withdraw = \"off\"\nno-ip-allowlist = \"off\"\nkey-age = \"fail\"\nmax_age_days = 30\n")
	r = keyhound(t, dir, "", "audit", "keys.env", "-f", "json", "--endpoint", "binance="+srv.URL)
	if rep := parseAudit(t, r.stdout); r.code != 1 || violations(rep) != "fail:key-age" {
		t.Errorf("key-age at 30 days: exit %d, %s", r.code, violations(rep))
	}
	write(t, dir, ".keyhound.toml", "# team policy\n[policy]\nkey-age = \"fail\"\nmax_age_days = \"thirty\"\n")
	r = keyhound(t, dir, "", "audit", "keys.env", "--endpoint", "binance="+srv.URL)
	if r.code != 2 || !strings.Contains(r.stderr, ".keyhound.toml:4: [policy] max_age_days: want a whole number of days") {
		t.Errorf("bad max_age_days: exit %d\n%s", r.code, r.stderr)
	}
	// The policy applies to --verify on a scan too.
	write(t, dir, ".keyhound.toml", "[policy]\nno-ip-allowlist = \"fail\"\n")
	r = keyhound(t, dir, "", "scan", "keys.env", "--verify", "-f", "json", "--endpoint", "binance="+srv.URL)
	if rep := parseAudit(t, r.stdout); r.code != 1 || violations(rep) != "fail:withdraw-without-ip-allowlist fail:trade-and-withdraw fail:no-ip-allowlist" || rep.Findings[0].Remediation == nil {
		t.Errorf("scan --verify: exit %d, %s\n%s", r.code, violations(rep), r.stdout)
	}
}
