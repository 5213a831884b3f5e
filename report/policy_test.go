package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/verify"
)

// policyReport is a report with a live Binance key that can trade and
// withdraw without an IP allow-list, judged by the default policy.
func policyReport(t *testing.T) *Report {
	t.Helper()
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	created := now.Add(-200 * 24 * time.Hour)
	v := &verify.Result{Exchange: "binance", Status: verify.Live, Reason: "the permission endpoint accepted the key",
		Permissions:  verify.Permissions{Read: verify.Yes, Trade: verify.Yes, Withdraw: verify.Yes, Transfer: verify.No},
		IPRestricted: verify.No, Created: &created, Risk: verify.RiskCritical}
	f := Finding{RuleID: "binance", Exchange: "binance", Fingerprint: "fp1", Complete: true,
		Parts:     []Part{{Part: "key", RuleID: "binance-api-key", Value: "Qm7x…(64 chars)", File: "a.env", Line: 1}},
		Locations: []Location{{Path: "a.env", Line: 1}}, Verification: v}
	f.Judge(policy.Config{}, now)
	dead := Finding{RuleID: "binance", Exchange: "binance", Fingerprint: "fp2", Complete: true, Parts: []Part{}, Locations: []Location{{Path: "b.env", Line: 1}},
		Verification: &verify.Result{Exchange: "binance", Status: verify.Dead, Reason: "unknown key", Risk: verify.RiskNone}}
	dead.Judge(policy.Config{}, now)
	return &Report{Tool: "keyhound", Version: "v1.0.0", Mode: "scan", Redacted: true, Findings: []Finding{f, dead}}
}

func TestJudge(t *testing.T) {
	r := policyReport(t)
	f := r.Findings[0]
	if f.Policy == nil || !f.Policy.Failed() || f.Policy.Compliant {
		t.Fatalf("policy %+v", f.Policy)
	}
	var rules []string
	for _, v := range f.Policy.Violations {
		rules = append(rules, string(v.Level)+":"+string(v.Rule))
	}
	if got := strings.Join(rules, " "); got != "fail:withdraw-without-ip-allowlist fail:trade-and-withdraw warn:no-ip-allowlist warn:key-age" {
		t.Errorf("violations %s", got)
	}
	if f.Remediation == nil || !strings.HasPrefix(f.Remediation.ManageURL, "https://www.binance.com/") {
		t.Errorf("remediation %+v", f.Remediation)
	}
	if d := r.Findings[1]; d.Remediation != nil || d.Policy == nil || len(d.Policy.Violations) != 0 || d.Policy.Compliant {
		t.Errorf("dead key: %+v %+v", d.Policy, d.Remediation)
	}
}

func TestPolicyText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, policyReport(t), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"    created:    2025-11-13\n",
		"    policy:     FAIL withdraw-without-ip-allowlist: can withdraw funds and is not restricted to an IP allow-list\n",
		"                FAIL trade-and-withdraw: can trade and withdraw funds: use one key per purpose\n",
		"                warn key-age: created 2025-11-13, 200 days ago (rotate at least every 90 days)\n",
		"    revoke at:  https://www.binance.com/en/my/settings/api-management (",
		"    how-to:     https://",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	// The permissions come first, the policy next to them.
	if strings.Index(out, "can:        read yes") > strings.Index(out, "policy:") {
		t.Errorf("policy before permissions:\n%s", out)
	}
	// The dead key has no policy line and no remediation.
	dead := out[strings.Index(out, "fingerprint fp1"):]
	if strings.Contains(dead, "policy:") || strings.Contains(dead, "revoke at:") {
		t.Errorf("dead key:\n%s", dead)
	}
}

func TestPolicyJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, policyReport(t)); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct {
			Verification struct {
				Created *time.Time `json:"created"`
			} `json:"verification"`
			Policy *struct {
				Violations []struct{ Rule, Level, Message string } `json:"violations"`
				Compliant  bool                                    `json:"compliant"`
			} `json:"policy"`
			Remediation *struct {
				ManageURL string `json:"manage_url"`
				DocsURL   string `json:"docs_url"`
			} `json:"remediation"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(b.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	f := rep.Findings[0]
	if f.Policy == nil || len(f.Policy.Violations) != 4 || f.Policy.Violations[0].Rule != "withdraw-without-ip-allowlist" || f.Policy.Violations[0].Level != "fail" || f.Policy.Violations[0].Message == "" {
		t.Errorf("policy %+v", f.Policy)
	}
	if f.Remediation == nil || f.Remediation.ManageURL == "" || f.Remediation.DocsURL == "" || f.Verification.Created == nil {
		t.Errorf("remediation %+v created %v", f.Remediation, f.Verification.Created)
	}
	if rep.Findings[1].Remediation != nil {
		t.Error("a dead key has no remediation")
	}
}

func TestPolicySARIF(t *testing.T) {
	var b bytes.Buffer
	infos := []RuleInfo{{ID: "binance", Exchange: "binance", Verify: "binance", Description: "Binance API key + secret"}}
	if err := WriteSARIF(&b, policyReport(t), infos); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, b.Bytes())
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						Help struct{ Text, Markdown string } `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				Message    struct{ Text string } `json:"message"`
				Properties struct {
					Policy *struct {
						Violations []struct{ Rule, Level string } `json:"violations"`
					} `json:"policy"`
					Remediation *struct {
						ManageURL string `json:"manage_url"`
					} `json:"remediation"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	res := run.Results[0]
	if res.Properties.Policy == nil || len(res.Properties.Policy.Violations) != 4 || res.Properties.Remediation == nil {
		t.Errorf("result properties %+v", res.Properties)
	}
	if !strings.Contains(res.Message.Text, "Policy: fail withdraw-without-ip-allowlist, fail trade-and-withdraw, warn no-ip-allowlist, warn key-age.") ||
		!strings.Contains(res.Message.Text, "Revoke it at https://www.binance.com/en/my/settings/api-management.") {
		t.Errorf("message %q", res.Message.Text)
	}
	help := run.Tool.Driver.Rules[0].Help
	for _, h := range []string{help.Text, help.Markdown} {
		if !strings.Contains(h, "https://www.binance.com/en/my/settings/api-management") || !strings.Contains(h, "how to revoke and re-issue: https://") {
			t.Errorf("help lacks the remediation:\n%s", h)
		}
	}
}
