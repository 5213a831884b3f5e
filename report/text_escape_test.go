package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/keyhound/keyhound/verify"
)

// hostile is text a repository, a commit or an exchange can supply: a
// terminal title change (OSC), a screen clear (CSI), a C1 CSI, a newline
// that starts a fake report line, a tab, a bidi override, a bidi isolate
// and an invalid byte.
const hostile = "\x1b]0;pwned\x07\x1b[2J\u009b31m\nFAKE: no findings\t\u202etxt.exe\u2066\xff"

// TestWriteTextEscapesUntrustedText: every string of a report that comes
// from the scanned repository or the exchange is printed with its
// control, bidi and invalid characters escaped, so none reaches the
// terminal and no newline in a file name starts a report line.
func TestWriteTextEscapesUntrustedText(t *testing.T) {
	date := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	exp := date.AddDate(1, 0, 0)
	r := &Report{
		Mode: "history",
		Findings: []Finding{{
			RuleID: "rule" + hostile, Exchange: "ex" + hostile, Fingerprint: "fp" + hostile, Complete: true, InHead: true,
			Parts: []Part{{Part: "key" + hostile, Value: "val" + hostile}},
			Locations: []Location{
				{Commit: "c0ffee" + hostile, Path: "dir/" + hostile + ".env", Line: 3, Author: "author" + hostile, Email: "e@x" + hostile, Date: &date},
				{Blob: "\x1b[2J" + hostile, Line: 7},
			},
			Verification: &verify.Result{
				Status: verify.Live, Risk: verify.RiskCritical, Reason: "reason" + hostile,
				IPRestricted: verify.Yes, IPAllowlist: []string{"203.0.113.9" + hostile, "ip2" + hostile},
				Expires: &exp, Endpoint: "http://127.0.0.1:1/" + hostile, Overridden: true,
			},
		}},
		EndpointOverrides: map[string]string{"ex" + hostile: "http://127.0.0.1:1/" + hostile},
		Errors:            []string{"dir/" + hostile + ": object missing"},
	}
	sgr := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	for _, color := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteText(&buf, r, TextOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if color {
			out = sgr.ReplaceAllString(out, "") // keyhound's own colours
		}
		if !utf8.ValidString(out) {
			t.Errorf("color %v: invalid UTF-8 in the report", color)
		}
		for i, c := range []byte(out) {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				t.Errorf("color %v: control byte %#x at %d: %q", color, c, i, out[max(0, i-20):min(len(out), i+20)])
				break
			}
		}
		for _, r := range out {
			if (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Errorf("color %v: %U reaches the terminal", color, r)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "FAKE") {
				t.Errorf("color %v: a newline in repository text started a report line:\n%s", color, out)
			}
		}
		for _, want := range []string{
			`dir/\x1b]0;pwned\x07\x1b[2J\u009b31m\nFAKE: no findings\t\u202etxt.exe\u2066\xff.env:3`,
			`author\x1b]0;pwned`, `reason\x1b]0;pwned`, `203.0.113.9\x1b]0;pwned`, `val\x1b]0;pwned`, `fp\x1b]0;pwned`,
			`rule\x1b]0;pwned`, `\x1b[2J\x1b]0;pwn`, `error: dir/\x1b]0;pwned`, `http://127.0.0.1:1/\x1b]0;pwned`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("color %v: report lacks %q:\n%s", color, want, out)
			}
		}
	}
}
