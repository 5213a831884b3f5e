package scan_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

// cancelWhen makes a context that s's Progress callback cancels the
// first time stop(p) holds: a deterministic interruption at a known
// point of the scan (no timing involved).
func cancelWhen(t *testing.T, s *scan.Scanner, stop func(scan.Progress) bool) context.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var once sync.Once
	s.Progress = func(p scan.Progress) {
		if stop(p) {
			once.Do(cancel)
		}
	}
	return ctx
}

func firstMatch(p scan.Progress) bool { return p.Matched > 0 }

// checkInterrupted: the error says the scan was interrupted and wraps
// the context's error.
func checkInterrupted(t *testing.T, err error, during string) {
	t.Helper()
	if !errors.Is(err, scan.ErrInterrupted) || !errors.Is(err, context.Canceled) {
		t.Fatalf("want an interruption wrapping context.Canceled, got %v", err)
	}
	if !strings.Contains(err.Error(), "interrupted") || !strings.Contains(err.Error(), during) {
		t.Errorf("error %q does not say it was interrupted while %s", err, during)
	}
}

// manyCredsRepo commits n files, each with its own credential.
func manyCredsRepo(t *testing.T, n int) *gitRepo {
	t.Helper()
	g := newGitRepo(t)
	for i := 0; i < n; i++ {
		k, s := numberedCred(i)
		g.write(fmt.Sprintf("d%02d/app.env", i), cred(k, s))
	}
	g.commit("many")
	return g
}

// TestInterruptedHistoryWhileReadingBlobs: a history scan cancelled as
// soon as one blob matched still delivers that finding (with the blob
// id as its location: provenance never ran) and says it was
// interrupted.
func TestInterruptedHistoryWhileReadingBlobs(t *testing.T) {
	g := manyCredsRepo(t, 40)
	s := &scan.Scanner{Rules: testSet(t), Workers: 2}
	ctx := cancelWhen(t, s, firstMatch)
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(ctx, g.dir, fn) })
	checkInterrupted(t, err, "reading blobs")
	if len(fs) == 0 {
		t.Fatal("the finding made before the interruption was lost")
	}
	for _, f := range fs {
		if len(f.Locations) != 1 || f.Locations[0].Commit != "" || len(f.Locations[0].Blob) != 40 {
			t.Errorf("want one blob-only location, got %+v", f.Locations)
		}
	}
}

// TestInterruptedHistoryWhileAttributing: cancelled during provenance
// after 1,000 of 1,200 commits, the scan delivers every credential: the
// one introduced by the first commit at its commit and path, the one
// introduced by the last commit (never reached) at its blob.
func TestInterruptedHistoryWhileAttributing(t *testing.T) {
	dir, r, b := bareRepo(t)
	blobA := b.blob(cred(keyA, secretA))
	blobB := b.blob(cred(keyB, secretB))
	withA := b.tree(map[string]entry{"a.env": file(blobA)})
	first := b.commit(withA, "add A")
	tip := first
	for i := 2; i < 1200; i++ {
		tip = b.commit(withA, fmt.Sprint("c", i), tip)
	}
	tip = b.commit(b.tree(map[string]entry{"a.env": file(blobA), "b.env": file(blobB)}), "add B", tip)
	setBranch(t, r, "master", tip)

	s := &scan.Scanner{Rules: testSet(t)}
	ctx := cancelWhen(t, s, func(p scan.Progress) bool { return p.Phase == "provenance" && p.Done >= 1000 })
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(ctx, dir, fn) })
	fa, okA := findingFor(fs, keyA)
	fb, okB := findingFor(fs, keyB)
	if !okA || !okB {
		t.Fatalf("findings lost: A %v, B %v (%d findings; error %v)", okA, okB, len(fs), err)
	}
	checkInterrupted(t, err, "attributing")
	if l := fa.Locations; len(l) != 1 || l[0].Commit != first.String() || l[0].Path != "a.env" {
		t.Errorf("A: want commit %s a.env, got %+v", first, l)
	}
	if l := fb.Locations; len(l) != 1 || l[0].Commit != "" || l[0].Blob != blobB.String() {
		t.Errorf("B: want its blob %s only, got %+v", blobB, l)
	}
	if st.Commits != 1200 {
		t.Errorf("Commits = %d, want 1200", st.Commits)
	}
}

// TestInterruptedOtherScans: directory, staged and range scans cancelled
// once one file or blob matched deliver what they found, where they found
// it, and say they were interrupted.
func TestInterruptedOtherScans(t *testing.T) {
	g := manyCredsRepo(t, 40)
	head, err := g.repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	base := head.Hash().String() // the range is the next commit
	for i := 40; i < 80; i++ {
		k, s := numberedCred(i)
		g.write(fmt.Sprintf("e%02d/app.env", i), cred(k, s))
	}
	g.commit("more")
	for i := 80; i < 120; i++ {
		k, s := numberedCred(i)
		g.write(fmt.Sprintf("f%02d/app.env", i), cred(k, s))
	}
	tests := []struct {
		name, during string
		run          func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error)
		commit       bool // locations carry a commit
	}{
		{"dir", "reading files", func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error) {
			return s.Dir(ctx, g.dir, scan.DirOptions{}, fn)
		}, false},
		{"staged", "reading staged files", func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error) {
			return s.Staged(ctx, g.dir, fn)
		}, false},
		{"range", "reading blobs", func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error) {
			return s.HistoryRange(ctx, g.repo, []string{"HEAD"}, []string{base}, fn)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &scan.Scanner{Rules: testSet(t), Workers: 2}
			ctx := cancelWhen(t, s, firstMatch)
			fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return tt.run(ctx, s, fn) })
			checkInterrupted(t, err, tt.during)
			if len(fs) == 0 {
				t.Fatal("the findings made before the interruption were lost")
			}
			for _, f := range fs {
				for _, l := range f.Locations {
					if !strings.HasSuffix(l.Path, "/app.env") || (l.Commit != "") != tt.commit {
						t.Errorf("location %+v: want a path (and a commit: %v)", l, tt.commit)
					}
				}
			}
		})
	}
}

// TestInterruptedReader: a stream interrupted after its first chunk was
// matched (the context ends while the next read is under way) delivers
// the first chunk's findings.
func TestInterruptedReader(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := cred(keyA, secretA) + strings.Repeat("filler line\n", 400)
	r := &cancellingReader{first: first, cancel: cancel, more: cred(keyB, secretB) + strings.Repeat("more filler\n", 400)}
	s := &scan.Scanner{Rules: testSet(t), ChunkSize: 2048, Overlap: 256}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Reader(ctx, r, "stdin", fn) })
	checkInterrupted(t, err, "reading")
	if _, ok := findingFor(fs, keyA); !ok {
		t.Fatalf("the first chunk's finding was lost: %d findings", len(fs))
	}
}

// cancellingReader serves first, then cancels the context on the first
// read past it (an interruption arriving mid-stream) and serves more.
type cancellingReader struct {
	first, more string
	cancel      func()
	n           int
}

func (r *cancellingReader) Read(p []byte) (int, error) {
	if r.n < len(r.first) {
		c := copy(p, r.first[r.n:])
		r.n += c
		return c, nil
	}
	r.cancel()
	if r.more == "" {
		return 0, io.EOF
	}
	c := copy(p, r.more)
	r.more = r.more[c:]
	return c, nil
}
