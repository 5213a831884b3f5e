package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

func TestWriteText(t *testing.T) {
	date := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	locs := func(n int) []Location {
		var out []Location
		for i := 0; i < n; i++ {
			out = append(out, Location{Path: fmt.Sprintf("dir/f%d.env", i), Line: i + 1})
		}
		return out
	}
	complete := Finding{
		RuleID: "binance", Exchange: "binance", Fingerprint: "f1", Complete: true, InHead: true,
		Parts:     []Part{{Part: "key", Value: "AbCd…(64 chars)"}, {Part: "secret", Value: "WxYz…(64 chars)"}},
		Locations: locs(1),
	}
	incomplete := Finding{
		RuleID: "evm-private-key", Fingerprint: "f2", Complete: false,
		Parts:     []Part{{Part: "private-key", Value: "0x******"}},
		Locations: locs(1),
	}
	historyLocs := []Location{
		{Commit: "0123456789abcdef0123", Path: "a.env", Line: 3, Author: "Dev", Date: &date},
		{Commit: "fedcba9876543210fedc", Path: "b.env", Author: "Ops"},
		{Blob: "aaaaaaaaaaaabbbbbbbb", Line: 7},
	}
	tests := []struct {
		name    string
		report  *Report
		opts    TextOptions
		want    []string
		notWant []string
	}{
		{
			name:    "colour off has no escape codes",
			report:  &Report{Mode: "scan", Findings: []Finding{complete}},
			want:    []string{"● BINANCE  binance  (complete credential)", "    key:        AbCd…(64 chars)", "    at dir/f0.env:1", "fingerprint f1", "\n1 finding\n"},
			notWant: []string{"\x1b[", "HEAD", "only in history"},
		},
		{
			name:   "colour on paints",
			report: &Report{Mode: "scan", Findings: []Finding{complete}},
			opts:   TextOptions{Color: true},
			want:   []string{"\x1b[1;31m●\x1b[0m", "\x1b[1mBINANCE\x1b[0m", "\x1b[0m"},
		},
		{
			name:   "incomplete standalone secret",
			report: &Report{Mode: "scan", Findings: []Finding{incomplete, complete}},
			want:   []string{"SECRET  evm-private-key  (incomplete: some parts not found)", "private-key: 0x******", "\n2 findings\n"},
		},
		{
			name:    "default cap is five locations",
			report:  &Report{Findings: []Finding{{RuleID: "x", Exchange: "x", Locations: locs(7)}}},
			want:    []string{"at dir/f4.env:5", "… and 2 more locations"},
			notWant: []string{"dir/f5.env"},
		},
		{
			name:    "custom cap",
			report:  &Report{Findings: []Finding{{RuleID: "x", Exchange: "x", Locations: locs(5)}}},
			opts:    TextOptions{MaxLocations: 2},
			want:    []string{"at dir/f1.env:2", "… and 3 more locations"},
			notWant: []string{"dir/f2.env"},
		},
		{
			name:    "exactly at the cap lists all",
			report:  &Report{Findings: []Finding{{RuleID: "x", Exchange: "x", Locations: locs(5)}}},
			want:    []string{"at dir/f4.env:5"},
			notWant: []string{"more locations"},
		},
		{
			name: "history still in HEAD",
			report: &Report{Mode: "history", Findings: []Finding{{
				RuleID: "binance", Exchange: "binance", InHead: true, Locations: historyLocs,
			}}},
			want: []string{
				"at a.env:3  commit 0123456789ab 2024-02-03 Dev",
				"at b.env  commit fedcba987654 Ops",
				"at (unreachable blob aaaaaaaaaaaa):7",
				"still in HEAD",
			},
			notWant: []string{"only in history"},
		},
		{
			name:   "history still in HEAD, coloured",
			report: &Report{Mode: "history", Findings: []Finding{{RuleID: "b", Exchange: "b", InHead: true}}},
			opts:   TextOptions{Color: true},
			want:   []string{"\x1b[33mstill in HEAD\x1b[0m"},
		},
		{
			name: "history only in history",
			report: &Report{Mode: "history", Findings: []Finding{{
				RuleID: "binance", Exchange: "binance", InHead: false, Locations: historyLocs[:1],
			}}},
			want:    []string{"only in history (removed from HEAD, still in git objects)"},
			notWant: []string{"still in HEAD"},
		},
		{
			name:    "no findings",
			report:  &Report{Mode: "scan"},
			want:    []string{"no exchange credentials found\n"},
			notWant: []string{"finding", "\x1b["},
		},
		{
			name:   "no findings, coloured",
			report: &Report{},
			opts:   TextOptions{Color: true},
			want:   []string{"\x1b[32mno exchange credentials found\x1b[0m"},
		},
		{
			name: "verified live, permissions, allow-list, expiry, overridden endpoint",
			report: &Report{Findings: []Finding{{RuleID: "binance", Exchange: "binance", Complete: true, Verification: &verify.Result{
				Exchange: "binance", Status: verify.Live, Risk: verify.RiskCritical, Reason: "account endpoint accepted the key",
				Permissions:  verify.Permissions{Read: verify.Yes, Trade: verify.Yes, Withdraw: verify.Yes, Transfer: verify.No},
				IPRestricted: verify.Yes, IPAllowlist: []string{"203.0.113.7", "198.51.100.0/24"}, Expires: &date,
				Endpoint: "http://127.0.0.1:9999", Overridden: true,
			}}}},
			want: []string{
				"    verified:   LIVE, risk CRITICAL\n",
				"    can:        read yes, trade yes, withdraw yes, transfer no\n",
				"    IP allow-list: yes (203.0.113.7, 198.51.100.0/24)\n",
				"    expires:    2024-02-03\n",
				"    why:        account endpoint accepted the key\n",
				"    endpoint overridden: http://127.0.0.1:9999\n",
			},
		},
		{
			name: "verified live, coloured by risk",
			report: &Report{Findings: []Finding{
				{RuleID: "a", Exchange: "a", Verification: &verify.Result{Status: verify.Live, Risk: verify.RiskCritical}},
				{RuleID: "b", Exchange: "b", Verification: &verify.Result{Status: verify.Live, Risk: verify.RiskLow, Endpoint: "http://x", Overridden: true}},
				{RuleID: "c", Exchange: "c", Verification: &verify.Result{Status: verify.Indeterminate, Risk: verify.RiskUnknown}},
			}},
			opts: TextOptions{Color: true},
			want: []string{"risk \x1b[1;31mCRITICAL\x1b[0m", "risk \x1b[32mLOW\x1b[0m", "risk \x1b[0mUNKNOWN\x1b[0m", "\x1b[33mendpoint overridden: http://x\x1b[0m"},
		},
		{
			name: "verified dead shows no permissions",
			report: &Report{Findings: []Finding{{RuleID: "binance", Exchange: "binance", Verification: &verify.Result{
				Status: verify.Dead, Risk: verify.RiskNone, Reason: "invalid API key (-2008)",
			}}}},
			want:    []string{"verified:   DEAD, risk NONE", "why:        invalid API key (-2008)"},
			notWant: []string{"can:", "IP allow-list", "expires:", "overridden"},
		},
		{
			name:    "live without allow-list or expiry",
			report:  &Report{Findings: []Finding{{RuleID: "x", Exchange: "x", Verification: &verify.Result{Status: verify.Live, Risk: verify.RiskMedium}}}},
			want:    []string{"can:        read unknown, trade unknown, withdraw unknown, transfer unknown", "    IP allow-list: unknown\n"},
			notWant: []string{"expires:"},
		},
		{
			name:    "not verified: no verification block",
			report:  &Report{Findings: []Finding{complete}},
			notWant: []string{"verified:", "why:"},
		},
		{
			name:   "endpoint overrides warning, sorted",
			report: &Report{EndpointOverrides: map[string]string{"okx": "http://b", "binance": "http://a"}},
			want:   []string{"warning: verification endpoints overridden (not the exchanges' official hosts): binance=http://a, okx=http://b\n"},
		},
		{
			name:   "endpoint overrides warning, coloured",
			report: &Report{EndpointOverrides: map[string]string{"binance": "http://a"}},
			opts:   TextOptions{Color: true},
			want:   []string{"\x1b[1;33mwarning:\x1b[0m verification endpoints overridden"},
		},
		{
			name:   "errors are listed",
			report: &Report{Errors: []string{"a.env: permission denied", "b.bin: too large"}},
			want:   []string{"error: a.env: permission denied\n", "error: b.bin: too large\n"},
		},
		{
			name:   "errors, coloured",
			report: &Report{Errors: []string{"boom"}},
			opts:   TextOptions{Color: true},
			want:   []string{"\x1b[31merror:\x1b[0m boom"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteText(&buf, tc.report, tc.opts); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
			if !tc.opts.Color && strings.Contains(out, "\x1b") {
				t.Errorf("escape code with colour off:\n%q", out)
			}
		})
	}
}

func TestWriteTextNeverShowsUnredactedSecrets(t *testing.T) {
	key := fakeSecret("text-key", 64)
	f := scanFinding("binance", "binance", true, true,
		[]scan.Part{{Part: rules.PartKey, Value: key, Line: 1}}, []scan.Location{{Path: "a", Line: 1}})
	var buf bytes.Buffer
	if err := WriteText(&buf, &Report{Findings: []Finding{FromFinding(f, false)}}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), key) {
		t.Error("the redacted report shows the key")
	}
	if !strings.Contains(buf.String(), scan.Redact(key)) {
		t.Errorf("the redacted form is missing:\n%s", buf.String())
	}
}

func TestWriteTextWriteError(t *testing.T) {
	r := &Report{Findings: []Finding{{RuleID: "x", Exchange: "x"}}, Errors: []string{"e"}}
	if err := WriteText(failWriter{}, r, TextOptions{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v", err)
	}
}

func TestShort(t *testing.T) {
	for in, want := range map[string]string{"": "", "abc": "abc", "0123456789abcdef": "0123456789ab"} {
		if got := short(in); got != want {
			t.Errorf("short(%q) = %q, want %q", in, got, want)
		}
	}
}
