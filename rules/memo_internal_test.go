package rules

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestMemoMatchesFresh: matching through the regex memo, both when it is
// filled and when it answers, gives exactly what fresh regex runs give,
// on every corpus file; and the second pass is answered by the memo.
func TestMemoMatchesFresh(t *testing.T) {
	packs, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	memo, err := Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := Compile(packs...)
	fresh.memo = nil
	var files [][]byte
	err = filepath.WalkDir(filepath.Join("..", "testdata", "corpus"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files = append(files, b)
		return err
	})
	if err != nil || len(files) < 100 {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	found := 0
	for pass := 0; pass < 2; pass++ {
		for i, b := range files {
			want := fresh.Find(b, "")
			got := memo.Find(b, "")
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("pass %d, file %d: memo gave %v, fresh %v", pass, i, got, want)
			}
			found += len(got)
		}
	}
	entries := 0
	for i := range memo.memo.shards {
		entries += len(memo.memo.shards[i].m)
	}
	if found == 0 || entries == 0 {
		t.Fatalf("%d matches, %d memo entries: the test exercised nothing", found, entries)
	}
	// A window's result is found again under the same key, and only then.
	k := memo.memo.key(1, []byte("window"))
	if _, ok := memo.memo.get(k); ok {
		t.Fatal("unknown window answered by the memo")
	}
	memo.memo.put(k, [][]int{{1, 3}})
	if v, ok := memo.memo.get(k); !ok || !reflect.DeepEqual(v, []int32{1, 3}) {
		t.Fatalf("memo lost a result: %v %v", v, ok)
	}
	if memo.memo.key(2, []byte("window")) == k || memo.memo.key(1, []byte("windoW")) == k {
		t.Fatal("different rule or content, same key")
	}
}
