package main

import (
	"encoding/json"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
)

// TestScanGitignore: keyhound scan reads a tracked .env that .gitignore
// matches and an untracked gitignored .env.local, skips an ignored
// node_modules, and counts and names the skip (JSON stats, --verbose).
func TestScanGitignore(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	write(t, dir, ".gitignore", ".env\n.env.*\nnode_modules/\n")
	write(t, dir, ".env", envText)
	write(t, dir, ".env.local", envText)
	write(t, dir, "node_modules/pkg/config.json", envText)
	if _, err := wt.Add(".env"); err != nil { // git add -f .env
		t.Fatal(err)
	}
	r := keyhound(t, dir, "", "scan", "-f", "json", "-v", ".")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	var rep struct {
		Findings []struct {
			Locations []struct{ Path string } `json:"locations"`
		} `json:"findings"`
		Stats struct {
			SkippedGitignored *int64 `json:"skipped_gitignored"`
		} `json:"stats"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r.stdout)
	}
	var at []string
	for _, f := range rep.Findings {
		for _, l := range f.Locations {
			at = append(at, l.Path)
		}
	}
	if got := strings.Join(at, ","); got != ".env,.env.local" {
		t.Errorf("found at %q, want .env,.env.local", got)
	}
	if rep.Stats.SkippedGitignored == nil || *rep.Stats.SkippedGitignored != 1 {
		t.Errorf("stats.skipped_gitignored = %v, want 1", rep.Stats.SkippedGitignored)
	}
	if !strings.Contains(r.stderr, "skipped 1 path(s) that .gitignore excludes") || !strings.Contains(r.stderr, `"node_modules/"`) {
		t.Errorf("--verbose does not name the skipped directory:\n%s", r.stderr)
	}
}
