package report_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/report"
)

func TestFormatForPath(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"out.json", "json", true},
		{"dir/OUT.JSON", "json", true},
		{"results.sarif", "sarif", true},
		{"results.sarif.json", "sarif", true},
		{"findings.jsonl", "jsonl", true},
		{"findings.ndjson", "jsonl", true},
		{"report.txt", "text", true},
		{`C:\reports\out.json`, "json", true},
		{"report", "", false},
		{"report.html", "", false},
		{"json", "", false},
	}
	for _, tt := range tests {
		got, ok := report.FormatForPath(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("FormatForPath(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestWriteJSONL: one finding a line, each line the finding's object in
// the JSON report (same fields, redacted the same way).
func TestWriteJSONL(t *testing.T) {
	rep := &report.Report{Tool: "keyhound", Redacted: true, Findings: []report.Finding{
		{RuleID: "binance", Exchange: "binance", Fingerprint: "aa", Complete: true, Parts: []report.Part{{Part: "key", Value: "Qm7x…(64 chars)", File: "a/.env", Line: 1}}},
		{RuleID: "okx", Exchange: "okx", Fingerprint: "bb", Parts: []report.Part{{Part: "passphrase", Value: "********", File: "b.py", Line: 7}}},
	}}
	var full bytes.Buffer
	if err := report.WriteJSON(&full, rep); err != nil {
		t.Fatal(err)
	}
	var whole struct{ Findings []json.RawMessage }
	if err := json.Unmarshal(full.Bytes(), &whole); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteJSONL(&buf, rep); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		var got, want any
		if err := json.Unmarshal(line, &got); err != nil {
			t.Fatalf("line %d is not JSON: %v: %s", n+1, err, line)
		}
		if n >= len(whole.Findings) {
			t.Fatalf("more lines than findings: %s", line)
		}
		json.Unmarshal(whole.Findings[n], &want)
		if gb, _ := json.Marshal(got); !bytes.Equal(gb, mustMarshal(want)) {
			t.Errorf("line %d = %s, want the JSON report's finding %s", n+1, gb, mustMarshal(want))
		}
		n++
	}
	if n != 2 {
		t.Fatalf("%d lines, want 2", n)
	}
	buf.Reset()
	if err := report.WriteJSONL(&buf, &report.Report{}); err != nil || buf.Len() != 0 {
		t.Fatalf("no findings: wrote %q (%v), want nothing", buf.String(), err)
	}
	if err := report.Write(&buf, "xml", rep, nil, report.TextOptions{}); err == nil || !strings.Contains(err.Error(), "jsonl") {
		t.Fatalf("unknown format: %v", err)
	}
}

func mustMarshal(v any) []byte { b, _ := json.Marshal(v); return b }
