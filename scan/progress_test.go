package scan_test

import (
	"sync"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/keyhound/keyhound/scan"
)

// TestHistoryProgressHasTotal: the blob pass of a history scan says how
// far it is through the object stores, against the number of objects
// their pack indexes and loose directories hold (every type: the pass
// goes through commits and trees too), so that a terminal can show a
// percentage and the time left.
func TestHistoryProgressHasTotal(t *testing.T) {
	dir, _, _ := manyBlobsRepo(t, 6000) // one pack; Progress every 2000 blobs
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	iter, err := repo.Storer.IterEncodedObjects(plumbing.AnyObject)
	if err != nil {
		t.Fatal(err)
	}
	var objects int64
	iter.ForEach(func(plumbing.EncodedObject) error { objects++; return nil })
	if objects <= 6000 {
		t.Fatalf("the repository holds %d objects, want more than its 6000 blobs", objects)
	}

	var mu sync.Mutex
	var seen []scan.Progress
	s := &scan.Scanner{Rules: testSet(t), Progress: func(p scan.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if p.Phase == "blobs" {
			seen = append(seen, p)
		}
	}}
	if _, _, err := history(t, s, dir); err != nil {
		t.Fatal(err)
	}
	if len(seen) == 0 {
		t.Fatal("no progress in the blobs phase")
	}
	for _, p := range seen {
		if p.Total != objects || p.Done <= 0 || p.Done > p.Total {
			t.Errorf("progress %+v: want 0 < Done <= Total = %d objects", p, objects)
		}
	}
}
