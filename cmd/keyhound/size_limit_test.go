package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMaxTargetMegabytes: a file over --max-target-megabytes is not
// skipped silently: the scan exits 2 naming it, the JSON stats count it,
// --verbose counts it; the rest of the directory is scanned; 0 lifts the
// limit.
func TestMaxTargetMegabytes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bot/.env", envText)
	write(t, dir, "data/dump.sql", strings.Repeat("INSERT INTO trades VALUES (1, 'BTCUSDT', 0.5);\n", 30000)) // 1.4 MB

	r := keyhound(t, dir, "", "scan", "-f", "json", "--max-target-megabytes", "1", "--verbose", ".")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2 (a target was not scanned)\nstderr: %s", r.code, r.stderr)
	}
	var rep struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
		} `json:"findings"`
		Errors []string       `json:"errors"`
		Stats  map[string]any `json:"stats"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(rep.Findings) != 1 || rep.Stats["skipped_large"] != float64(1) {
		t.Errorf("findings %v, stats %v: want the .env credential and skipped_large 1", rep.Findings, rep.Stats)
	}
	if len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0], "data/dump.sql") || !strings.Contains(rep.Errors[0], "larger than 1 MB") {
		t.Errorf("errors %q: want data/dump.sql named, over 1 MB", rep.Errors)
	}
	if !strings.Contains(r.stderr, "1 over the size limit") {
		t.Errorf("--verbose does not count it:\n%s", r.stderr)
	}

	if r := keyhound(t, dir, "", "scan", "-f", "json", "--max-target-megabytes", "0", "."); r.code != 1 || strings.Contains(r.stdout, "skipped_large") {
		t.Errorf("no limit: exit %d, want 1 with nothing skipped\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if r := keyhound(t, dir, "", "scan", "--max-target-megabytes", "-1", "."); r.code != 2 || !strings.Contains(r.stderr, "--max-target-megabytes") {
		t.Errorf("negative limit: exit %d, stderr %s", r.code, r.stderr)
	}
}
