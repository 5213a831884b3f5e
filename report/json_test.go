package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func sorted(ks ...string) []string {
	sort.Strings(ks)
	return ks
}

func decodeJSON(t *testing.T, r *Report) (map[string]any, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	return m, buf.String()
}

// TestJSONContract pins the field names other tools parse.
func TestJSONContract(t *testing.T) {
	when := time.Date(2022, 1, 2, 3, 4, 5, 0, time.FixedZone("X", -5*3600))
	f := scanFinding("binance", "binance", true, false, keySecret("json", 4), []scan.Location{
		{Commit: hexID("c1"), Path: "conf/a.env", Line: 4, Author: "Dev", Email: "dev@example.com", Date: when, Blob: hexID("b1")},
		{Path: "b.env", Line: 9},
	})
	r := &Report{Tool: "keyhound", Version: "v1.0.0", Target: "repo", Mode: "history", Redacted: true,
		Findings: []Finding{FromFinding(f, false)},
		Errors:   []string{"x: failed"},
		Stats:    &Stats{Files: 3, Bytes: 100, SkippedBinary: 1, Commits: 2, DurationMS: 5},
	}
	m, raw := decodeJSON(t, r)

	if got, want := keysOf(m), sorted("tool", "version", "target", "mode", "redacted", "findings", "errors", "stats"); !reflect.DeepEqual(got, want) {
		t.Errorf("report keys %v, want %v", got, want)
	}
	stats := m["stats"].(map[string]any)
	if got, want := keysOf(stats), sorted("files", "bytes", "skipped_binary", "commits", "duration_ms"); !reflect.DeepEqual(got, want) {
		t.Errorf("stats keys %v, want %v", got, want)
	}
	fs := m["findings"].([]any)
	if len(fs) != 1 {
		t.Fatalf("%d findings", len(fs))
	}
	fm := fs[0].(map[string]any)
	if got, want := keysOf(fm), sorted("rule_id", "exchange", "fingerprint", "complete", "parts", "locations", "in_head", "verification"); !reflect.DeepEqual(got, want) {
		t.Errorf("finding keys %v, want %v", got, want)
	}
	if fm["rule_id"] != "binance" || fm["exchange"] != "binance" || fm["complete"] != true || fm["in_head"] != false || fm["fingerprint"] != f.Fingerprint {
		t.Errorf("finding %v", fm)
	}
	if v, ok := fm["verification"]; !ok || v != nil {
		t.Errorf("verification = %v (present %v), want null", v, ok)
	}
	if !strings.Contains(raw, `"verification": null`) {
		t.Errorf("verification not written as null:\n%s", raw)
	}
	parts := fm["parts"].([]any)
	p0 := parts[0].(map[string]any)
	if got, want := keysOf(p0), sorted("part", "rule_id", "value", "file", "line"); !reflect.DeepEqual(got, want) {
		t.Errorf("part keys %v, want %v", got, want)
	}
	if p0["part"] != "key" || p0["file"] != "conf/a.env" || p0["line"] != float64(4) || p0["rule_id"] != "json-api-key" {
		t.Errorf("part %v", p0)
	}
	locs := fm["locations"].([]any)
	l0, l1 := locs[0].(map[string]any), locs[1].(map[string]any)
	if got, want := keysOf(l0), sorted("commit", "path", "line", "author", "email", "date", "blob"); !reflect.DeepEqual(got, want) {
		t.Errorf("history location keys %v, want %v", got, want)
	}
	if l0["date"] != "2022-01-02T08:04:05Z" {
		t.Errorf("date %v, want UTC RFC 3339", l0["date"])
	}
	// A working-tree location keeps the contract keys, date null.
	if got, want := keysOf(l1), sorted("commit", "path", "line", "author", "date"); !reflect.DeepEqual(got, want) {
		t.Errorf("working-tree location keys %v, want %v", got, want)
	}
	if l1["date"] != nil || l1["commit"] != "" || l1["path"] != "b.env" || l1["line"] != float64(9) {
		t.Errorf("working-tree location %v", l1)
	}
}

func TestJSONFindingsNeverNull(t *testing.T) {
	for _, r := range []*Report{{}, {Findings: []Finding{}}} {
		m, raw := decodeJSON(t, r)
		fs, ok := m["findings"].([]any)
		if !ok || len(fs) != 0 {
			t.Errorf("findings = %#v, want []", m["findings"])
		}
		if !strings.Contains(raw, `"findings": []`) {
			t.Errorf("findings not written as []:\n%s", raw)
		}
		if got, want := keysOf(m), sorted("tool", "version", "redacted", "findings"); !reflect.DeepEqual(got, want) {
			t.Errorf("empty report keys %v, want %v (optional fields omitted)", got, want)
		}
	}
	// A finding with nothing found still has arrays, not nulls.
	m, _ := decodeJSON(t, &Report{Findings: []Finding{FromFinding(scan.Finding{RuleID: "x"}, false)}})
	fm := m["findings"].([]any)[0].(map[string]any)
	if _, ok := fm["parts"].([]any); !ok {
		t.Errorf("parts = %#v, want []", fm["parts"])
	}
	if _, ok := fm["locations"].([]any); !ok {
		t.Errorf("locations = %#v, want []", fm["locations"])
	}
}

func TestJSONEndpointOverrides(t *testing.T) {
	m, _ := decodeJSON(t, &Report{EndpointOverrides: map[string]string{"binance": "http://127.0.0.1:1"}})
	eo, ok := m["endpoint_overrides"].(map[string]any)
	if !ok || eo["binance"] != "http://127.0.0.1:1" {
		t.Errorf("endpoint_overrides = %v", m["endpoint_overrides"])
	}
}

func TestJSONVerification(t *testing.T) {
	r := &Report{Findings: []Finding{{RuleID: "x", Verification: &verify.Result{Exchange: "x", Status: verify.Dead, Risk: verify.RiskNone}}}}
	m, _ := decodeJSON(t, r)
	v := m["findings"].([]any)[0].(map[string]any)["verification"]
	if vm, ok := v.(map[string]any); !ok || vm["status"] != "dead" || vm["exchange"] != "x" {
		t.Errorf("verification %v", v)
	}
}

func TestJSONRedaction(t *testing.T) {
	parts := []scan.Part{
		{Part: rules.PartKey, Value: fakeSecret("red-key", 64)},
		{Part: rules.PartSecret, Value: fakeSecret("red-secret", 16)},
		{Part: rules.PartPassphrase, Value: "hunter2"},
	}
	f := scanFinding("okx", "okx", true, true, parts, []scan.Location{{Path: "a", Line: 1}})
	for _, noRedact := range []bool{false, true} {
		_, raw := decodeJSON(t, &Report{Redacted: !noRedact, Findings: []Finding{FromFinding(f, noRedact)}})
		for _, p := range parts {
			has := strings.Contains(raw, `"`+p.Value+`"`)
			if has != noRedact {
				t.Errorf("noRedact=%v: value of %s present=%v", noRedact, p.Part, has)
			}
			if !noRedact && !strings.Contains(raw, `"`+scan.Redact(p.Value)+`"`) {
				t.Errorf("redacted form of %s missing", p.Part)
			}
		}
	}
}

func TestJSONNoHTMLEscaping(t *testing.T) {
	_, raw := decodeJSON(t, &Report{Errors: []string{"<a> & <b>"}})
	if !strings.Contains(raw, `"<a> & <b>"`) {
		t.Errorf("HTML-escaped output:\n%s", raw)
	}
	if !strings.HasSuffix(raw, "}\n") || !strings.Contains(raw, "\n  \"tool\"") {
		t.Errorf("not indented JSON with a final newline:\n%s", raw)
	}
}

func TestWriteJSONWriteError(t *testing.T) {
	if err := WriteJSON(failWriter{}, &Report{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v", err)
	}
}
