package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

// Credentials used by the engine tests: random-looking, never real.
const (
	keyA    = "Hq3ZrT8vKp2WmXc7LbN4sYd9FgJ6tRa1"
	secretA = "Vb7Nq2XkLr9TzPm4WcHs8JdYf3GtKa6Ru1EoQi5S"
	keyB    = "Pw8KxR3mTq6ZvLc2NbH9sJd4YfG7tWa5"
	secretB = "Mc4Hs9JdYf2GtKa6Ru1EoQi7SVb3Nq8XkLr5TzPw"
	keyC    = "Zt5Ws2QnXr8KmVb3LcH7jDf9GyT4pRa6"
	secretC = "Ru6EoQi1SVb8Nq3XkLr2TzPm7WcHs4JdYf9GtKa5"
)

func cred(key, secret string) string {
	return "TESTEX_KEY=" + key + "\nTESTEX_SECRET=" + secret + "\n"
}

func testSet(t testing.TB) *rules.Set {
	t.Helper()
	p, err := rules.ParseFile("testdata/testex.toml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func collect(t testing.TB, run func(fn func(scan.Finding)) (scan.Stats, error)) ([]scan.Finding, scan.Stats, error) {
	t.Helper()
	var out []scan.Finding
	st, err := run(func(f scan.Finding) { out = append(out, f) })
	return out, st, err
}

// gitRepo builds repositories with go-git, so the tests need no git binary.
type gitRepo struct {
	t    testing.TB
	dir  string
	repo *git.Repository
	wt   *git.Worktree
	tick int
}

func newGitRepo(t testing.TB) *gitRepo {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &gitRepo{t: t, dir: dir, repo: r, wt: wt}
}

func (g *gitRepo) write(path, content string) {
	g.t.Helper()
	full := filepath.Join(g.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		g.t.Fatal(err)
	}
	if _, err := g.wt.Add(path); err != nil {
		g.t.Fatal(err)
	}
}

func (g *gitRepo) remove(path string) {
	g.t.Helper()
	if _, err := g.wt.Remove(path); err != nil {
		g.t.Fatal(err)
	}
}

func (g *gitRepo) commit(msg string) string {
	g.t.Helper()
	g.tick++
	when := time.Date(2024, 1, 1, 0, 0, g.tick, 0, time.UTC)
	h, err := g.wt.Commit(msg, &git.CommitOptions{
		Author: &object.Signature{Name: "Dev " + msg, Email: "dev@example.com", When: when},
	})
	if err != nil {
		g.t.Fatal(err)
	}
	return h.String()
}

func (g *gitRepo) checkout(branch string, create bool) {
	g.t.Helper()
	if err := g.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch), Create: create}); err != nil {
		g.t.Fatal(err)
	}
}

var bg = context.Background()
