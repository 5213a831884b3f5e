package scan_test

import (
	"fmt"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/scan"
)

// benchRepo builds a repository of commits commits touching files files,
// with a credential in one of them, packed.
func benchRepo(b *testing.B, commits, files int) string {
	b.Helper()
	g := newGitRepo(b)
	for c := 0; c < commits; c++ {
		for k := 0; k < 3; k++ {
			f := (c*7 + k*13) % files
			g.write(fmt.Sprintf("src/pkg%d/mod%d.py", f%20, f), fmt.Sprintf("def f%d():\n    return %d  # revision %d\n", f, c, c))
		}
		if c == commits/2 {
			g.write("config/bot.env", cred(keyA, secretA))
		}
		g.wt.Commit(fmt.Sprint("c", c), &git.CommitOptions{Author: &object.Signature{Name: "b", Email: "b@example.com", When: time.Unix(int64(1e9+c), 0)}})
	}
	if err := g.repo.RepackObjects(&git.RepackConfig{}); err != nil {
		b.Fatal(err)
	}
	return g.dir
}

// BenchmarkHistory: a full-history scan (blob enumeration, matching and
// provenance) of a 300-commit packed repository; bytes are blob bytes.
func BenchmarkHistory(b *testing.B) {
	dir := benchRepo(b, 300, 200)
	s := &scan.Scanner{Rules: testSet(b)}
	st, err := s.History(bg, dir, func(scan.Finding) {})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.History(bg, dir, func(scan.Finding) {}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProvenance: the commit and tree walk alone, as a range scan
// over every commit reads only blobs new to each; with a rule set that
// matches nothing, the cost is the memoised tree walk.
func BenchmarkProvenance(b *testing.B) {
	dir := benchRepo(b, 300, 200)
	repo, err := scan.OpenRepository(dir)
	if err != nil {
		b.Fatal(err)
	}
	s := &scan.Scanner{Rules: testSet(b)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.HistoryRange(bg, repo, []string{"HEAD"}, nil, func(scan.Finding) {}); err != nil {
			b.Fatal(err)
		}
	}
}
