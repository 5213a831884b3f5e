package fleet

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/verify"
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

// secretShard is a shard written with --keep-secrets: its records hold
// whole credentials.
func secretShard(t *testing.T, root, shard string, recs ...Record) string {
	t.Helper()
	var repos []RepoResult
	for _, r := range recs {
		repos = append(repos, RepoResult{ID: r.Repository, Status: StatusScanned, Complete: true})
	}
	dir := shardDir(t, root, shard, "v", true, repos, recs...)
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	m.Redacted = false
	if err := writeManifest(dir, m); err != nil {
		t.Fatal(err)
	}
	return dir
}

func credRec(repo, fp, key, secret string) Record {
	r := rec(repo, fp, true, 1)
	r.Finding.Parts = []report.Part{{Part: "key", Value: key}}
	if secret != "" {
		r.Finding.Parts = append(r.Finding.Parts, report.Part{Part: "secret", Value: secret})
	}
	return r
}

func TestMergeVerifiesEachCredentialOnce(t *testing.T) {
	root := t.TempDir()
	s1 := secretShard(t, root, "1/2", credRec("r1", "fpA", "keyA", "secretA"), credRec("r1", "fpB", "keyB", ""), credRec("r1", "fpC", "keyC", "secretC"))
	s2 := secretShard(t, root, "2/2", credRec("r2", "fpA", "keyA", "secretA"))
	cache, err := OpenVerifyCache(filepath.Join(root, "cache.json"), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cache.put("binance/fpC", verify.Result{Exchange: "binance", Status: verify.Dead})
	var mu sync.Mutex
	asked := map[string]int{}
	check := func(_ context.Context, c verify.Credential) verify.Result {
		mu.Lock()
		defer mu.Unlock()
		asked[c.Key+"/"+c.Secret]++
		return verify.Result{Exchange: c.Exchange, Status: verify.Live}
	}
	m, err := Merge(context.Background(), []string{s1, s2}, MergeOptions{Verify: check, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if len(asked) != 1 || asked["keyA/secretA"] != 1 {
		t.Errorf("asked the exchange %v, want keyA/secretA once", asked)
	}
	if m.Verified != 1 || m.Cached != 1 {
		t.Errorf("verified %d, cached %d; want 1 and 1", m.Verified, m.Cached)
	}
	got := map[string]string{}
	for _, f := range m.Findings {
		if f.Verification != nil {
			got[f.Fingerprint] = string(f.Verification.Status)
		}
		for _, p := range f.Parts {
			if strings.HasPrefix(p.Value, "secret") {
				t.Errorf("%s: secret in full in a redacted merge: %q", f.Fingerprint, p.Value)
			}
		}
	}
	if len(got) != 2 || got["fpA"] != string(verify.Live) || got["fpC"] != string(verify.Dead) {
		t.Errorf("verifications %v, want fpA live (asked), fpC dead (cached), fpB none (no secret)", got)
	}
	if r, ok := cache.get("binance/fpA"); !ok || r.Status != verify.Live {
		t.Errorf("fpA not remembered: %v %v", r, ok)
	}
}

func TestMergeVerifyRefusesRedactedShards(t *testing.T) {
	root := t.TempDir()
	// A short fingerprint (a hand-edited or corrupt shard) must not
	// panic the refusal's message.
	plain := secretShard(t, root, "1/2", credRec("r1", "fpA", "keyA", "secretA"))
	redacted := shardDir(t, root, "2/2", "v", true, []RepoResult{{ID: "r2", Status: StatusScanned, Complete: true}}, rec("r2", "x", true, 1))
	calls := 0
	check := func(_ context.Context, c verify.Credential) verify.Result {
		calls++
		return verify.Result{Exchange: c.Exchange, Status: verify.Live}
	}
	_, err := Merge(context.Background(), []string{plain, redacted}, MergeOptions{Verify: check})
	if err == nil || !strings.Contains(err.Error(), "--keep-secrets") {
		t.Fatalf("merge --verify of a redacted shard: %v", err)
	}
	if calls != 0 {
		t.Errorf("%d credential(s) sent before refusing the merge", calls)
	}
}

func TestReadRecordsRefusesDamage(t *testing.T) {
	dir := t.TempDir()
	line, err := json.Marshal(rec("r1", "fpA", true, 1))
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		text, want string
		records    int
	}{
		"whole":           {text: string(line) + "\n" + string(line) + "\n", records: 2},
		"empty":           {text: "", records: 0},
		"cut short":       {text: string(line) + "\n" + string(line[:len(line)/2]), want: ":2: the last record is cut short"},
		"no last newline": {text: string(line), want: ":1: the last record is cut short"},
		"blank line":      {text: string(line) + "\n\n", want: ":2: unexpected end of JSON input"},
		"too long":        {text: `{"repository":"` + strings.Repeat("x", maxMemoLine) + "\"}\n", want: ":1: line too long"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".jsonl")
		if err := os.WriteFile(path, []byte(tc.text), 0o600); err != nil {
			t.Fatal(err)
		}
		n := 0
		err := ReadRecords(path, func(Record) error { n++; return nil })
		switch {
		case tc.want == "" && (err != nil || n != tc.records):
			t.Errorf("%s: %d records, %v; want %d", name, n, err, tc.records)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v; want an error with %q", name, err, tc.want)
		}
	}
}
