package fleet

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

const (
	tKey    = "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf"
	tSecret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
	tEnv    = "BINANCE_API_KEY=" + tKey + "\nBINANCE_API_SECRET=" + tSecret + "\n"
)

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("go-git clones local paths through the git binary's upload-pack, which is not installed")
	}
}

// commitFiles writes files into the repository at dir (made if needed)
// and commits them.
func commitFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		if r, err = git.PlainInit(dir, false); err != nil {
			t.Fatal(err)
		}
	}
	w, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Add(name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit("update", &git.CommitOptions{Author: &object.Signature{Name: "Dev", Email: "dev@example.com", When: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}}); err != nil {
		t.Fatal(err)
	}
}

func testScanner(t *testing.T) (*HistoryScanner, string) {
	t.Helper()
	packs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	h, err := RulesHash(set, "test")
	if err != nil {
		t.Fatal(err)
	}
	return &HistoryScanner{Scanner: scan.Scanner{Rules: set, Workers: 2}}, h
}

func repoResult(t *testing.T, m *Manifest, id string) RepoResult {
	t.Helper()
	for _, r := range m.Repositories {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("manifest has no %s", id)
	return RepoResult{}
}

func TestScanShardResumes(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	commitFiles(t, a, map[string]string{"bot/.env": tEnv, "README": "a\n"})
	commitFiles(t, b, map[string]string{"main.go": "package main\n"})
	units := []Unit{{ID: a, Source: a}, {ID: b, Source: b}, {ID: filepath.Join(root, "gone"), Source: filepath.Join(root, "gone")}}
	s, rh := testScanner(t)
	o := ScanOptions{Units: units, Shard: Shard{1, 1}, Out: filepath.Join(root, "out"), Cache: filepath.Join(root, "cache"), Scanner: s, Rules: rh, Version: "test"}
	m, err := ScanShard(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	ra := repoResult(t, m, a)
	if !ra.Complete || ra.Status != StatusScanned || ra.Findings != 1 || ra.Stats.Blobs < 2 || ra.Stats.Remembered != 0 {
		t.Errorf("first run, a: %+v", ra)
	}
	if g := repoResult(t, m, units[2].ID); g.Complete || g.Status != StatusFailed || len(g.Problems) == 0 {
		t.Errorf("a missing repository: %+v, want failed with its problem", g)
	}
	if m.Complete || m.Finished == nil {
		t.Errorf("shard with a failed repository: complete %v, finished %v", m.Complete, m.Finished)
	}
	b1, _ := os.ReadFile(filepath.Join(o.Out, FindingsFile))
	if strings.Count(string(b1), "\n") != 1 || strings.Contains(string(b1), tSecret) {
		t.Errorf("findings.jsonl:\n%s\nwant one redacted record", b1)
	}

	// b unchanged, a with a new commit: b is skipped, a scanned again
	// without reading the blobs it had.
	commitFiles(t, a, map[string]string{"docs/notes.md": "notes\n"})
	m2, err := ScanShard(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if rb := repoResult(t, m2, b); rb.Status != StatusSkipped || !rb.Complete {
		t.Errorf("second run, b: %+v, want skipped", rb)
	}
	ra2 := repoResult(t, m2, a)
	if ra2.Status != StatusScanned || ra2.Findings != 1 || ra2.Stats.Remembered < 2 || ra2.Stats.Blobs != 1 {
		t.Errorf("second run, a: %+v, want the old blobs remembered and only the new one read", ra2)
	}
	b2, _ := os.ReadFile(filepath.Join(o.Out, FindingsFile))
	if string(b2) != string(b1) {
		t.Errorf("findings changed on a resumed run:\n%s\nagainst\n%s", b2, b1)
	}

	// Other rules: nothing is remembered.
	o.Rules = rh[:8] + "00000000"
	commitFiles(t, a, map[string]string{"docs/more.md": "more\n"})
	m3, err := ScanShard(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if r := repoResult(t, m3, a); r.Stats.Remembered != 0 || r.Findings != 1 {
		t.Errorf("other rules: %+v, want every blob read again", r)
	}
	if old, _ := filepath.Glob(filepath.Join(o.Cache, "blobs", Unit{ID: a}.key()+"-*.memo")); len(old) != 1 || !strings.Contains(old[0], o.Rules) {
		t.Errorf("remembered blobs of a under other rules were kept: %v", old)
	}
	if r := repoResult(t, m3, b); r.Status != StatusScanned {
		t.Errorf("other rules, b: %s, want scanned again", r.Status)
	}
}

func TestScanShardBoundsClones(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	big := filepath.Join(root, "big")
	var sb strings.Builder
	for i := 0; i < 40000; i++ {
		sb.WriteString(strings.Repeat("x", 7) + string(rune('a'+i%26)) + strings.Repeat("y", i%13) + "\n")
	}
	commitFiles(t, big, map[string]string{"data.txt": sb.String()})
	s, rh := testScanner(t)
	o := ScanOptions{Units: []Unit{{ID: big, Source: big}}, Shard: Shard{1, 1}, Out: filepath.Join(root, "out"), Cache: filepath.Join(root, "cache"),
		Scanner: s, Rules: rh, MaxCloneBytes: 4 << 10}
	m, err := ScanShard(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	r := m.Repositories[0]
	if r.Complete || !strings.Contains(strings.Join(r.Problems, " "), ErrCloneTooLarge.Error()) {
		t.Errorf("clone over the limit: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(o.Cache, "repos", Unit{ID: big}.key()+".git")); !os.IsNotExist(err) {
		t.Errorf("the oversized clone was left in the cache: %v", err)
	}
}

func TestScanShardStopsWhenCancelled(t *testing.T) {
	root := t.TempDir()
	s, rh := testScanner(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	units := []Unit{{ID: "/nonexistent/a", Source: "/nonexistent/a"}, {ID: "/nonexistent/b", Source: "/nonexistent/b"}}
	m, err := ScanShard(ctx, ScanOptions{Units: units, Shard: Shard{1, 1}, Out: filepath.Join(root, "out"), Scanner: s, Rules: rh})
	if err != nil {
		t.Fatal(err)
	}
	if m.Complete {
		t.Error("a cancelled shard says complete")
	}
	for _, r := range m.Repositories {
		if r.Status != StatusPending {
			t.Errorf("%s: %s, want pending", r.ID, r.Status)
		}
	}
}

func TestScanShardResumesAfterStop(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	var units []Unit
	for _, n := range []string{"a", "b", "c"} {
		dir := filepath.Join(root, n)
		commitFiles(t, dir, map[string]string{"f.txt": n + "\n"})
		units = append(units, Unit{ID: dir, Source: dir})
	}
	s, rh := testScanner(t)
	ctx, cancel := context.WithCancel(context.Background())
	o := ScanOptions{Units: units, Shard: Shard{1, 1}, Out: filepath.Join(root, "out"), Cache: filepath.Join(root, "cache"), Scanner: s, Rules: rh,
		Progress: func(done, total int, r RepoResult) { cancel() }} // stopped after the first repository
	m, err := ScanShard(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	var first string
	for _, r := range m.Repositories {
		if r.Status == StatusScanned {
			first = r.ID
		}
	}
	if m.Complete || first == "" || m.Repositories[1].Status != StatusPending {
		t.Fatalf("stopped shard: %+v", m.Repositories)
	}
	onDisk, err := ReadManifest(o.Out)
	if err != nil || onDisk.Complete || onDisk.Finished == nil {
		t.Fatalf("manifest on disk after the stop: %+v, %v", onDisk, err)
	}
	o.Progress = nil
	m2, err := ScanShard(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m2.Repositories {
		want := StatusScanned
		if r.ID == first {
			want = StatusSkipped
		}
		if r.Status != want || !r.Complete {
			t.Errorf("resumed: %s %s, want %s", r.ID, r.Status, want)
		}
	}
	if !m2.Complete {
		t.Error("the resumed shard is not complete")
	}
}
