package scan_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

func largeProblems(t *testing.T, err error) []scan.Problem {
	t.Helper()
	var errs *scan.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %v: want *scan.Errors naming the large target", err)
	}
	var out []scan.Problem
	for _, p := range errs.Problems {
		if errors.Is(p, scan.ErrTooLarge) {
			out = append(out, p)
		}
	}
	return out
}

// TestMaxTargetBytesStream: a stream over the limit is read one byte past
// it and no further (an endless one too), what the part read holds is
// still reported, and the stream is named as a problem and counted.
func TestMaxTargetBytesStream(t *testing.T) {
	const limit = 64 << 10
	s := &scan.Scanner{Rules: testSet(t), MaxTargetBytes: limit}
	r := &endless{}
	_, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Reader(bg, r, "-", fn) })
	if ps := largeProblems(t, err); len(ps) != 1 || ps[0].Path != "-" {
		t.Fatalf("problems %v, want one naming -", ps)
	}
	if st.SkippedLarge != 1 || st.Bytes != limit+1 || int64(r.n) > 2*limit {
		t.Errorf("skipped large %d, counted %d bytes, read %d; want 1, %d, at most %d", st.SkippedLarge, st.Bytes, r.n, limit+1, 2*limit)
	}

	big := cred(keyA, secretA) + strings.Repeat("filler text line\n", 10000)
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Bytes(bg, []byte(big), "big.env", fn)
	})
	if len(largeProblems(t, err)) != 1 || st.SkippedLarge != 1 {
		t.Fatalf("big.env: err %v, skipped large %d", err, st.SkippedLarge)
	}
	if len(fs) != 1 || !fs[0].Complete {
		t.Errorf("the credential in the first %d bytes: got %d findings", limit, len(fs))
	}

	s.MaxTargetBytes = -1 // no limit
	_, st, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Bytes(bg, []byte(big), "big.env", fn)
	})
	if err != nil || st.SkippedLarge != 0 || st.Bytes != int64(len(big)) {
		t.Errorf("no limit: err %v, skipped large %d, %d bytes", err, st.SkippedLarge, st.Bytes)
	}
}

// TestMaxTargetBytesDir: in a directory, the file over the limit is
// named and counted; the others are scanned as usual.
func TestMaxTargetBytesDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("small.env", cred(keyA, secretA))
	write("huge.log", strings.Repeat("GET /index.html 200\n", 2000)+cred(keyB, secretB))
	s := &scan.Scanner{Rules: testSet(t), MaxTargetBytes: 16 << 10}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(bg, dir, scan.DirOptions{}, fn)
	})
	if ps := largeProblems(t, err); len(ps) != 1 || ps[0].Path != "huge.log" || !strings.Contains(ps[0].Error(), "larger than 16384 bytes") {
		t.Fatalf("problems %v, want huge.log over 16384 bytes", ps)
	}
	if st.SkippedLarge != 1 || len(fs) != 1 || fs[0].Locations[0].Path != "small.env" {
		t.Errorf("skipped large %d, findings %d (want small.env's only)", st.SkippedLarge, len(fs))
	}
}

// TestMaxTargetBytesHistory: a blob over the limit is named by its id
// and counted; the rest of the history is scanned.
func TestMaxTargetBytesHistory(t *testing.T) {
	g := newGitRepo(t)
	g.write("a.env", cred(keyA, secretA))
	g.write("dump.sql", strings.Repeat("INSERT INTO t VALUES (1);\n", 4000))
	g.commit("c1")
	s := &scan.Scanner{Rules: testSet(t), MaxTargetBytes: 32 << 10}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	ps := largeProblems(t, err)
	if len(ps) != 1 || len(ps[0].Object) != 40 {
		t.Fatalf("problems %v, want the dump's blob", ps)
	}
	if st.SkippedLarge != 1 || len(fs) != 1 {
		t.Errorf("skipped large %d, %d findings", st.SkippedLarge, len(fs))
	}
}
