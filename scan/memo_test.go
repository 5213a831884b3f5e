package scan_test

import (
	"reflect"
	"sync"
	"testing"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

// mapMemo is a scan.BlobMemo in memory that counts what it is asked.
type mapMemo struct {
	mu       sync.Mutex
	m        map[string][]rules.Match
	lookups  int
	recorded int
}

func (m *mapMemo) Lookup(blob string) ([]rules.Match, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.lookups++
	ms, ok := m.m[blob]
	return ms, ok
}

func (m *mapMemo) Record(blob string, ms []rules.Match) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recorded++
	m.m[blob] = ms
}

func TestHistoryMemo(t *testing.T) {
	g := newGitRepo(t)
	g.write("a/.env", cred(keyA, secretA))
	g.write("README.md", "hello\n")
	g.commit("one")
	g.write("b/.env", cred(keyB, secretB))
	g.write("bin.dat", "\x00\x01binary")
	g.commit("two")
	set := testSet(t)
	plain := &scan.Scanner{Rules: set}
	want, wantSt, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return plain.History(bg, g.dir, fn) })
	if err != nil || len(want) != 2 {
		t.Fatalf("plain scan: %d findings, %v", len(want), err)
	}
	memo := &mapMemo{m: map[string][]rules.Match{}}
	s := &scan.Scanner{Rules: set, Memo: memo}
	first, st1, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil || !reflect.DeepEqual(first, want) {
		t.Fatalf("with an empty memo: %v, findings differ", err)
	}
	blobs := int(wantSt.Files + wantSt.SkippedBinary)
	if memo.recorded != blobs || st1.Remembered != 0 {
		t.Errorf("first scan recorded %d blobs (remembered %d), want all %d", memo.recorded, st1.Remembered, blobs)
	}
	again, st2, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil || !reflect.DeepEqual(again, want) {
		t.Fatalf("from the memo: %v; findings\n%+v\nwant\n%+v", err, again, want)
	}
	if st2.Files != 0 || st2.Bytes != 0 || int(st2.Remembered) != blobs {
		t.Errorf("second scan read %d blobs (%d bytes), remembered %d; want none read, %d remembered", st2.Files, st2.Bytes, st2.Remembered, blobs)
	}
	// A new commit: only its new blob is read.
	g.write("c.txt", "new\n")
	g.commit("three")
	_, st3, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil || st3.Files != 1 || int(st3.Remembered) != blobs {
		t.Errorf("after a commit: read %d, remembered %d, %v; want 1 read", st3.Files, st3.Remembered, err)
	}
}
