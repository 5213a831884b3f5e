package report_test

// FuzzWriters builds reports from fuzzed strings (paths with Unicode and
// control characters, very long values, odd dates) and writes them as
// text, JSON and SARIF: no panic, no error, JSON and SARIF that parse
// (SARIF valid against the official 2.1.0 schema), a redacted report that
// never shows a secret of 12 characters or more, and SARIF that never
// depends on the secret values at all.
//
// go test ./report/ -run '^$' -fuzz '^FuzzWriters$' -fuzztime 60s

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// fzInput is one fuzzed report.
type fzInput struct {
	path, key, secret, author, ruleID, exchange, reason string
	line                                                int
	flags, nlocs                                        uint8
	unix                                                int64
}

// Flag bits.
const (
	fzNoRedact = 1 << iota
	fzColor
	fzComplete
	fzInHead
	fzHistory
	fzVerified
	fzNoFingerprint
	fzInfos
)

// fzBuild makes the report of in, through report.FromFinding as the CLI
// does, so redaction is scan.Redact's.
func fzBuild(in fzInput) (*report.Report, []report.RuleInfo) {
	noRedact := in.flags&fzNoRedact != 0
	date := time.Unix(in.unix, 0)
	f := scan.Finding{
		RuleID:   in.ruleID,
		Exchange: in.exchange,
		Complete: in.flags&fzComplete != 0,
		InHead:   in.flags&fzInHead != 0,
		Parts: []scan.Part{
			{Part: rules.PartKey, RuleID: in.ruleID + "-key", Value: in.key, Line: in.line, Column: 1},
			{Part: rules.PartSecret, RuleID: in.ruleID + "-secret", Value: in.secret, Line: in.line + 1, Column: 3},
		},
	}
	if in.flags&fzNoFingerprint == 0 {
		// Fixed, so outputs can be compared across secret values.
		f.Fingerprint = scan.Fingerprint(in.ruleID, nil)
	}
	// Mostly a few locations; from 240 on, past SARIF's 100 related ones.
	n := int(in.nlocs) % 8
	if in.nlocs >= 240 {
		n = 96 + int(in.nlocs-240)
	}
	for i := 0; i < n; i++ {
		loc := scan.Location{Path: in.path, Line: in.line + i}
		switch i % 5 {
		case 1:
			loc.Path = in.path + "/" + fmt.Sprint(i) + "\x00\u202e.env"
		case 2:
			loc.Path = "" // an unreachable blob
			loc.Blob = strings.Repeat(fmt.Sprintf("%02x", i), 20)
		case 3:
			loc.Path, loc.Blob = "", in.author // a blob id that is not hex
		case 4:
			loc.Path = `C:\Users\` + in.path
		}
		if in.flags&fzHistory != 0 {
			loc.Commit = fmt.Sprintf("%040x", i*7919)
			loc.Author = in.author
			loc.Email = in.author + "@example.com"
			loc.Date = date
			loc.Message = in.reason
		}
		f.Locations = append(f.Locations, loc)
	}
	fi := report.FromFinding(f, noRedact)
	if in.flags&fzVerified != 0 {
		statuses := []verify.Status{verify.Live, verify.Dead, verify.Indeterminate, verify.Status(in.reason)}
		tri := func(k int) verify.Tri { return verify.Tri((int(in.flags) >> k) % 3) }
		exp := date
		r := verify.Result{
			Exchange: in.exchange, Status: statuses[in.line&3], Reason: in.reason,
			KeyExists:    tri(1),
			Permissions:  verify.Permissions{Read: tri(0), Trade: tri(1), Withdraw: tri(2), Transfer: tri(3), Futures: tri(4), Margin: tri(5)},
			IPRestricted: tri(6),
			IPAllowlist:  []string{in.author, in.path, ""},
			Expires:      &exp,
			Account:      in.author,
			Endpoint:     in.path,
			Overridden:   in.flags&fzColor != 0,
		}
		r.Risk = r.ComputeRisk()
		fi.Verification = &r
	}
	rep := &report.Report{
		Tool: "keyhound", Version: in.reason, Target: in.path, Mode: map[bool]string{true: "history", false: "scan"}[in.flags&fzHistory != 0],
		Redacted: !noRedact,
		Findings: []report.Finding{fi, fi},
		Stats:    &report.Stats{Files: int64(in.line), Bytes: in.unix, Commits: int64(in.nlocs)},
	}
	rep.Findings[1].RuleID = in.exchange
	rep.Findings[1].Locations = []report.Location{}
	if in.line%2 == 0 {
		rep.Errors = []string{in.reason, in.path}
		rep.EndpointOverrides = map[string]string{in.exchange: in.path, "binance": in.reason}
	}
	var infos []report.RuleInfo
	if in.flags&fzInfos != 0 {
		infos = []report.RuleInfo{
			{ID: in.ruleID, Name: in.author, Description: in.reason, Exchange: in.exchange, Tags: []string{in.author, "", "key", in.path}, SecuritySeverity: report.SeverityHigh},
			{ID: in.exchange},
			{ID: ""},
		}
	}
	return rep, infos
}

// fzOutputs are the three renderings of one report.
type fzOutputs struct{ text, json, sarif []byte }

func fzWrite(t *testing.T, in fzInput) fzOutputs {
	t.Helper()
	var o fzOutputs
	rep, infos := fzBuild(in)
	var b bytes.Buffer
	if err := report.WriteText(&b, rep, report.TextOptions{Color: in.flags&fzColor != 0, MaxLocations: int(in.nlocs) % 7}); err != nil {
		t.Fatalf("WriteText: %v", err)
	}
	o.text = append([]byte(nil), b.Bytes()...)
	b.Reset()
	// A date JSON cannot hold (git allows any commit time; exchanges
	// report any expiry).
	// Writers must drop such dates, not fail.
	if err := report.WriteJSON(&b, rep); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	o.json = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := report.WriteSARIF(&b, rep, infos); err != nil {
		t.Fatalf("WriteSARIF: %v", err)
	}
	o.sarif = append([]byte(nil), b.Bytes()...)
	return o
}

// fzLookalike returns a value of s's length and with the prefix that
// scan.Redact keeps, differing from s in every other byte: a redacted
// report must render it exactly as it renders s.
func fzLookalike(s string) string {
	keep := 0
	switch {
	case len(s) >= 24:
		keep = 4
	case len(s) >= 12:
		keep = 2
	}
	b := []byte(s)
	for i := keep; i < len(b); i++ {
		if b[i] == 'a' {
			b[i] = 'b'
		} else {
			b[i] = 'a'
		}
	}
	return string(b)
}

// fzForms are the ways a value can appear in an output: as is, and JSON
// escaped.
func fzForms(s string) []string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	esc := strings.TrimSuffix(strings.TrimSuffix(b.String(), "\n"), `"`)
	return []string{s, strings.TrimPrefix(esc, `"`)}
}

// fzLeaks reports whether out shows value where the same report with the
// value replaced (other) does not: a leak attributable to the value, not
// to the other fuzzed strings that happen to contain it.
func fzLeaks(out, other []byte, value string) bool {
	for _, form := range fzForms(value) {
		if form != "" && bytes.Contains(out, []byte(form)) && !bytes.Contains(other, []byte(form)) {
			return true
		}
	}
	return false
}

func fzSchema(f *testing.F) *jsonschema.Schema {
	file, err := os.Open("../testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	doc, err := jsonschema.UnmarshalJSON(file)
	if err != nil {
		f.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const loc = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(loc, doc); err != nil {
		f.Fatal(err)
	}
	s, err := c.Compile(loc)
	if err != nil {
		f.Fatal(err)
	}
	return s
}

func FuzzWriters(f *testing.F) {
	schema := fzSchema(f)
	const (
		key    = "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf"
		secret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
		ts     = int64(1709251200) // 2024-03-01
	)
	add := func(path, key, secret, author, ruleID, exchange, reason string, line int, flags, nlocs uint8, unix int64) {
		f.Add(path, key, secret, author, ruleID, exchange, reason, line, flags, nlocs, unix)
	}
	// A documented finding, redacted and not, in every mode.
	for fl := 0; fl < 256; fl += 17 {
		add("config/.env", key, secret, "alice", "binance", "binance", "the permission endpoint accepted the key", 1, uint8(fl), uint8(fl%5), ts)
	}
	// Secret lengths around the redaction thresholds (11, 12, 23, 24).
	for _, n := range []int{0, 1, 11, 12, 13, 23, 24, 25, 200} {
		add("a.env", strings.Repeat("k", n), secret[:min(n, len(secret))]+strings.Repeat("z", max(0, n-len(secret))), "bob", "okx", "okx", "", 2, fzHistory, 1, ts)
	}
	// Unicode, control characters, Markdown and link syntax, quotes.
	add("dir with space/ключ 鍵 🔑.env", "κλειδί-ключ-鍵-🔑-value-1234", "秘密の値は十二文字以上です", "Zoë \"Z\" <z@x>", "rule]](x)", "ex\nchange", "reason with `code` *bold* [link](1) <html> \\ \x1b[31m", 3, fzHistory|fzVerified|fzInfos, 7, ts)
	add("\x00\x01\x7f\u202e\u2028\ufeff", "\xff\xfe\xfd invalid utf-8 \xc3\x28 value", "\xed\xa0\x80\xed\xbf\xbf surrogates!!", "\t\r\n", "", "", "\x00", 0, fzNoRedact|fzVerified, 3, ts)
	add(`C:\repo\config.json`, key, secret, "", "gitleaks-generic", "", "", -5, fzInfos|fzComplete, 0, 0)
	add("/abs/path?query#frag%20:colon", key, secret, "x", "binance", "binance", "v1.2.3", 1<<30, fzHistory|fzInHead, 250, -62135596800)
	add("../../etc/passwd", key, secret, "x", "binance", "binance", "1.0.0-rc.1+build", 7, fzVerified|fzHistory, 245, 253402300799)
	// Very long values.
	long := strings.Repeat("long/path/segment/", 1000)
	add(long, strings.Repeat("K", 70000), strings.Repeat("S1", 40000), strings.Repeat("author ", 2000), strings.Repeat("r", 5000), "binance", strings.Repeat("why ", 10000), 9, fzHistory|fzVerified|fzInfos, 3, ts)
	// The secret inside other fields: not a leak by the secret part.
	add("path/"+secret, key, secret, secret, "binance", "binance", secret, 4, fzHistory, 2, ts)
	add("p", key, "key:        key:…(29 chars)", "a", "binance", "binance", "", 1, 0, 0, ts)

	f.Fuzz(func(t *testing.T, path, key, secret, author, ruleID, exchange, reason string, line int, flags, nlocs uint8, unix int64) {
		in := fzInput{path, key, secret, author, ruleID, exchange, reason, line, flags, nlocs, unix}
		out := fzWrite(t, in)

		if len(out.text) == 0 || out.text[len(out.text)-1] != '\n' {
			t.Fatalf("text report does not end a line: %q", out.text)
		}
		if bad := terminalUnsafe(out.text); bad != "" {
			t.Fatalf("text report carries %s to the terminal: %q", bad, out.text)
		}
		var doc map[string]any
		if err := json.Unmarshal(out.json, &doc); err != nil {
			t.Fatalf("JSON report does not parse: %v\n%s", err, out.json)
		}
		var back report.Report
		if err := json.Unmarshal(out.json, &back); err != nil {
			t.Fatalf("JSON report does not decode into a Report: %v", err)
		}
		if len(back.Findings) != 2 {
			t.Fatalf("JSON report has %d findings, want 2", len(back.Findings))
		}
		if utf8.ValidString(path) && len(back.Findings[0].Locations) > 0 && back.Findings[0].Locations[0].Path != path {
			t.Fatalf("JSON path %q, want %q", back.Findings[0].Locations[0].Path, path)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.sarif))
		if err != nil {
			t.Fatalf("SARIF does not parse: %v\n%s", err, out.sarif)
		}
		if err := schema.Validate(inst); err != nil {
			t.Fatalf("SARIF is not valid SARIF 2.1.0: %v", err)
		}

		// SARIF never depends on the values, redacted or not.
		if flags&fzNoFingerprint == 0 {
			other := in
			other.key, other.secret = key+"-other-key-value", "x"
			if o := fzWrite(t, other); !bytes.Equal(o.sarif, out.sarif) {
				t.Fatalf("SARIF changes with the secret values")
			}
		}

		// A redacted report never shows a value of 12 bytes or more.
		if flags&fzNoRedact != 0 {
			return
		}
		for _, v := range []struct {
			value string
			swap  func(*fzInput, string)
		}{
			{secret, func(x *fzInput, s string) { x.secret = s }},
			{key, func(x *fzInput, s string) { x.key = s }},
		} {
			if len(v.value) < 12 {
				continue
			}
			other := in
			v.swap(&other, fzLookalike(v.value))
			o := fzWrite(t, other)
			for _, c := range []struct {
				name      string
				out, with []byte
			}{{"text", out.text, o.text}, {"JSON", out.json, o.json}, {"SARIF", out.sarif, o.sarif}} {
				if fzLeaks(c.out, c.with, v.value) {
					t.Fatalf("redacted %s report shows the value %q", c.name, v.value)
				}
			}
			// Redaction depends only on the length and the kept prefix.
			if !bytes.Equal(out.text, o.text) || !bytes.Equal(out.json, o.json) || !bytes.Equal(out.sarif, o.sarif) {
				t.Fatalf("redacted reports differ for two values with the same redaction (%q and %q)", v.value, fzLookalike(v.value))
			}
		}
	})
}

// sgr matches the colour codes keyhound itself writes.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// terminalUnsafe names what text, keyhound's colours aside, would let
// the data drive a terminal or reorder it: invalid UTF-8, a control
// character other than the newline that ends a line, a C1 control, a
// bidi formatting character; "" when there is none.
func terminalUnsafe(text []byte) string {
	s := sgr.ReplaceAllString(string(text), "")
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return fmt.Sprintf("control character %U", r)
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return fmt.Sprintf("bidi character %U", r)
		}
	}
	return ""
}
