package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/report"
)

const (
	key    = "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf"
	secret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
	env    = "BINANCE_API_KEY=" + key + "\nBINANCE_API_SECRET=" + secret + "\n"
)

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// commit writes files (content "" removes one) and commits them.
func commit(t *testing.T, repo *git.Repository, dir string, files map[string]string) string {
	t.Helper()
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		write(t, dir, name, content)
		if _, err := wt.Add(name); err != nil {
			t.Fatal(err)
		}
	}
	h, err := wt.Commit("change", &git.CommitOptions{Author: &object.Signature{Name: "a", Email: "a@example.com", When: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

func TestRunDirectory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bot/.env", env)
	res, err := engine.Run(t.Context(), engine.Options{Target: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode() != engine.ExitFindings || len(res.Report.Findings) != 1 || res.Err != nil {
		t.Fatalf("exit %d, %d findings, err %v", res.ExitCode(), len(res.Report.Findings), res.Err)
	}
	f := res.Report.Findings[0]
	if f.Exchange != "binance" || !f.Complete || f.Locations[0].Path != "bot/.env" {
		t.Errorf("finding %+v", f)
	}
	if !res.Report.Redacted || strings.Contains(f.Parts[0].Value+f.Parts[1].Value, key[:20]) {
		t.Errorf("report not redacted: %+v", f.Parts)
	}
	if res.Report.Mode != "scan" || res.Report.Version == "" || res.Report.Stats == nil || res.Report.Stats.Config == nil {
		t.Errorf("report header: %+v", res.Report)
	}
}

// TestRunHistoryBare: one call scans a bare repository's full history
// with the default configuration (what a multi-repository runner needs).
func TestRunHistoryBare(t *testing.T) {
	src := t.TempDir()
	repo, err := git.PlainInit(src, false)
	if err != nil {
		t.Fatal(err)
	}
	first := commit(t, repo, src, map[string]string{"config/.env": env})
	commit(t, repo, src, map[string]string{"config/.env": "BINANCE_API_KEY=\n"})
	bare := filepath.Join(t.TempDir(), "mirror.git")
	if _, err := git.PlainClone(bare, true, &git.CloneOptions{URL: src}); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(t.Context(), engine.Options{Mode: engine.History, Target: bare})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode() != engine.ExitFindings || len(res.Report.Findings) != 1 {
		t.Fatalf("exit %d, findings %+v, err %v", res.ExitCode(), res.Report.Findings, res.Err)
	}
	f := res.Report.Findings[0]
	if f.Locations[0].Commit != first || f.InHead || res.Report.Stats.Commits != 2 {
		t.Errorf("finding %+v, commits %d: want it introduced by %s and gone from HEAD", f, res.Report.Stats.Commits, first)
	}
}

// TestRunRangeTrustsTheBase: a range scan reads the configuration from
// its base; a .keyhound.toml the scanned commits add to allow-list their
// own leak does not apply, and the result says the range changes it.
func TestRunRangeTrustsTheBase(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	base := commit(t, repo, dir, map[string]string{"README": "hello\n"})
	commit(t, repo, dir, map[string]string{
		".keyhound.toml": "[[allowlists]]\npaths = ['''.*''']\n",
		"bot/.env":       env,
	})
	res, err := engine.Run(t.Context(), engine.Options{Mode: engine.History, Target: dir, Range: base + "..HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report.Findings) != 1 {
		t.Fatalf("the range's own .keyhound.toml allow-listed its leak: %+v", res.Report.Findings)
	}
	if ch := res.Config.Summary.ChangedInRange; len(ch) != 1 || ch[0] != ".keyhound.toml" {
		t.Errorf("ChangedInRange %v", ch)
	}
	if len(res.Notes) == 0 || !strings.Contains(res.Notes[0], "changes .keyhound.toml") {
		t.Errorf("notes %q", res.Notes)
	}
	// The work tree, which holds the new .keyhound.toml, configures a
	// full-history scan: the user's own checkout.
	res, err = engine.Run(t.Context(), engine.Options{Mode: engine.History, Target: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Report.Findings) != 0 {
		t.Errorf("full history with the work tree's allowlist: %+v", res.Report.Findings)
	}
}

func TestRunBaselineAndFilters(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "old.env", env)
	res, err := engine.Run(t.Context(), engine.Options{Target: dir})
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if err := report.WriteJSON(&buf, res.Report); err != nil {
		t.Fatal(err)
	}
	baseline := filepath.Join(t.TempDir(), "base.json")
	write(t, filepath.Dir(baseline), "base.json", buf.String())
	res, err = engine.Run(t.Context(), engine.Options{Target: dir, Baseline: baseline})
	if err != nil || len(res.Report.Findings) != 0 || res.ExitCode() != engine.ExitClean {
		t.Fatalf("with the baseline: %v, %+v", err, res.Report.Findings)
	}
	for _, o := range []engine.Options{
		{Target: dir, OnlyLive: true},
		{Target: dir, Verify: true, MinRisk: "severe"},
		{Target: dir, Baseline: filepath.Join(dir, "old.env")},
		{Target: dir, Mode: "sideways"},
		{Mode: engine.Stream},
		{Target: dir, Range: "a..b"},
	} {
		if _, err := engine.Run(t.Context(), o); err == nil {
			t.Errorf("Run(%+v): no error", o)
		}
	}
}

func TestRunStreamInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	res, err := engine.Run(ctx, engine.Options{Mode: engine.Stream, Input: strings.NewReader(env)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Interrupted() == nil || !res.Report.Interrupted || res.ExitCode() != engine.ExitError || len(res.Report.Errors) == 0 {
		t.Fatalf("interrupted: %v, report %+v, exit %d", res.Err, res.Report, res.ExitCode())
	}
}

// TestRunStagedIndexFile: a relative IndexFile (GIT_INDEX_FILE, as git
// sets it for commit -a hooks) is taken from the top of the work tree,
// wherever the scan is started.
func TestRunStagedIndexFile(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	commit(t, repo, dir, map[string]string{"README": "hello\n"})
	// Stage the leak, keep that index as another file, then unstage.
	wt, _ := repo.Worktree()
	write(t, dir, "bot/.env", env)
	if _, err := wt.Add("bot/.env"); err != nil {
		t.Fatal(err)
	}
	idx, err := os.ReadFile(filepath.Join(dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, ".git/index.commit-a", string(idx))
	if err := wt.Reset(&git.ResetOptions{Mode: git.MixedReset}); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "bot")
	res, err := engine.Run(t.Context(), engine.Options{Mode: engine.Staged, Target: sub})
	if err != nil || len(res.Report.Findings) != 0 {
		t.Fatalf("own index: %v %+v", err, res.Report.Findings)
	}
	res, err = engine.Run(t.Context(), engine.Options{Mode: engine.Staged, Target: sub, IndexFile: ".git/index.commit-a"})
	if err != nil || len(res.Report.Findings) != 1 {
		t.Fatalf("IndexFile: %v %+v %v", err, res.Report.Findings, res.Err)
	}
}
