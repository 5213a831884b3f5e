package fleet

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/report"
)

// shardDir writes a shard's output by hand: a manifest and records.
func shardDir(t *testing.T, root, shard, plan string, finished bool, repos []RepoResult, recs ...Record) string {
	t.Helper()
	dir, err := os.MkdirTemp(root, strings.ReplaceAll(shard, "/", "-")+"-"+plan+"-")
	if err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Tool: "keyhound", Version: "test", Shard: shard, Plan: plan, Redacted: true, Repositories: repos}
	if finished {
		now := time.Now()
		m.Finished = &now
	}
	if err := writeManifest(dir, m); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create(filepath.Join(dir, FindingsFile))
	enc := json.NewEncoder(f)
	for _, r := range recs {
		enc.Encode(r)
	}
	f.Close()
	return dir
}

func rec(repo, fp string, inHead bool, locs int) Record {
	f := report.Finding{RuleID: "binance", Exchange: "binance", Fingerprint: fp, Complete: true, InHead: inHead,
		Parts: []report.Part{{Part: "key", Value: "Qm7x…(64 chars)"}}}
	for i := 0; i < locs; i++ {
		f.Locations = append(f.Locations, report.Location{Commit: strings.Repeat("a", 40), Path: ".env", Line: i + 1})
	}
	return Record{Repository: repo, Verify: "binance", Finding: f}
}

func TestMerge(t *testing.T) {
	root := t.TempDir()
	ok := func(id string) RepoResult { return RepoResult{ID: id, Status: StatusScanned, Complete: true} }
	s1 := shardDir(t, root, "1/2", "p", true, []RepoResult{ok("r1"), ok("r2")}, rec("r1", "fpA", false, 3), rec("r2", "fpA", true, 2), rec("r2", "fpB", false, 1))
	s2 := shardDir(t, root, "2/2", "p", true, []RepoResult{ok("r3"), {ID: "r4", Status: StatusFailed, Problems: []string{"fetching: boom", "x"}}}, rec("r3", "fpA", false, 200))
	m, err := Merge(context.Background(), []string{s2, s1}, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Findings) != 2 || m.Findings[0].Fingerprint != "fpA" {
		t.Fatalf("findings %+v", m.Findings)
	}
	a := m.Findings[0]
	// Every repository keeps a location, however many another has.
	if !a.InHead || len(a.Locations) != 102 || a.LocationsTotal != 205 || a.Locations[0].Repository != "r1" || a.Locations[1].Repository != "r2" || a.Locations[2].Repository != "r3" {
		t.Errorf("merged finding: in head %v, %d locations (total %d), first in %q", a.InHead, len(a.Locations), a.LocationsTotal, a.Locations[0].Repository)
	}
	if len(m.Incomplete) != 1 || !strings.Contains(m.Incomplete[0], "r4 (shard 2/2): failed: fetching: boom (and 1 more)") {
		t.Errorf("incomplete %q", m.Incomplete)
	}
	if m.Shards != 2 || m.Repositories != 4 {
		t.Errorf("counted %d shards, %d repositories", m.Shards, m.Repositories)
	}

	// What must not pass in silence.
	unfinished := shardDir(t, root, "2/2", "q", false, []RepoResult{ok("r3")})
	if m, _ := Merge(context.Background(), []string{s1, unfinished + "x"}, MergeOptions{}); len(m.Incomplete) < 2 ||
		!strings.Contains(strings.Join(m.Incomplete, "\n"), "no shard manifest") || !strings.Contains(strings.Join(m.Incomplete, "\n"), "shard 2/2: not among") {
		t.Errorf("a missing shard directory: %q", m.Incomplete)
	}
	if _, err := Merge(context.Background(), []string{s1, unfinished}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "does not belong") {
		t.Errorf("shards of two plans: %v", err)
	}
	if _, err := Merge(context.Background(), []string{s1, s1}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "both shard 1/2") {
		t.Errorf("one shard twice: %v", err)
	}
	unfinishedP := shardDir(t, root, "2/2", "p", false, nil)
	if m, _ := Merge(context.Background(), []string{s1, unfinishedP}, MergeOptions{}); len(m.Incomplete) != 1 || !strings.Contains(m.Incomplete[0], "did not finish") {
		t.Errorf("an unfinished shard: %q", m.Incomplete)
	}
	os.Remove(filepath.Join(s2, FindingsFile))
	if m, _ := Merge(context.Background(), []string{s1, s2}, MergeOptions{}); !strings.Contains(strings.Join(m.Incomplete, "\n"), "no findings.jsonl") {
		t.Errorf("a shard without findings.jsonl: %q", m.Incomplete)
	}
	os.WriteFile(filepath.Join(s2, FindingsFile), []byte("{\"repository\":\"r3\"}\n"), 0o600)
	if _, err := Merge(context.Background(), []string{s1, s2}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "findings.jsonl:1") {
		t.Errorf("a bad record: %v", err)
	}
}
