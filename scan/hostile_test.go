package scan_test

// Hostile repositories, directories and streams. The rule every case
// checks: the scan returns what it could read plus a clear error for what
// it could not — never a panic, a hang or a silent skip. Each case is
// built in t.TempDir().

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/memory"

	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

func history(t *testing.T, s *scan.Scanner, dir string) ([]scan.Finding, scan.Stats, error) {
	t.Helper()
	return collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, dir, fn) })
}

// runBounded runs f and fails the test if it does not return within d
// (a hang); unblock, when set, is called to free a hung scan.
func runBounded(t *testing.T, d time.Duration, unblock func(), f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		if unblock != nil {
			unblock()
		}
		t.Fatalf("scan did not return within %v: it hangs", d)
	}
}

// ---- 1. Shallow clone -------------------------------------------------

func TestHostileShallowClone(t *testing.T) {
	needGit(t)
	g := newGitRepo(t)
	g.write("old.env", cred(keyA, secretA)) // only in the commits cut off
	g.commit("c1")
	g.remove("old.env")
	g.write("readme.txt", "hi\n")
	g.commit("c2")
	g.write("mid.env", cred(keyB, secretB))
	c3 := g.commit("c3")
	g.write("new.env", cred(keyC, secretC))
	c4 := g.commit("c4")

	clone := filepath.Join(t.TempDir(), "clone")
	runGit(t, t.TempDir(), "clone", "-q", "--depth", "2", "file://"+g.dir, clone)
	if _, err := os.Stat(filepath.Join(clone, ".git", "shallow")); err != nil {
		t.Fatalf("clone is not shallow: %v", err)
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, st, err := history(t, s, clone)
	if !errors.Is(err, scan.ErrShallow) {
		t.Fatalf("error %v does not wrap scan.ErrShallow", err)
	}
	if len(problemsOf(err)) != 1 {
		t.Errorf("problems %v, want only the shallow boundary", problemsOf(err))
	}
	if st.Commits != 2 {
		t.Errorf("walked %d commits, want the 2 present", st.Commits)
	}
	if len(fs) != 2 {
		logFindings(t, fs)
		t.Fatalf("%d findings, want the 2 in the commits present", len(fs))
	}
	for key, commit := range map[string]string{keyB: c3, keyC: c4} {
		f, ok := findingFor(fs, key)
		if !ok || len(f.Locations) != 1 || f.Locations[0].Commit != commit || !f.InHead {
			t.Errorf("finding for %s: %+v, want one location at %s", key[:6], f, commit)
		}
	}
	if _, ok := findingFor(fs, keyA); ok {
		t.Error("a credential from a commit outside the shallow clone was reported")
	}
	// A range scan over the same clone says so too.
	repo, _ := git.PlainOpen(clone)
	_, err = s.HistoryRange(bg, repo, []string{"HEAD"}, nil, func(scan.Finding) {})
	if !errors.Is(err, scan.ErrShallow) {
		t.Errorf("range scan: %v does not wrap scan.ErrShallow", err)
	}
}

// ---- 2. Missing objects ----------------------------------------------

func TestHostileMissingObjects(t *testing.T) {
	type built struct {
		dir     string
		missing plumbing.Hash
		path    string // Problem.Path expected
		// findings: key -> commit of the location ("" = blob-only location)
		want map[string]string
	}
	cases := []struct {
		name  string
		build func(t *testing.T) built
	}{
		{"subtree", func(t *testing.T) built {
			dir, r, b := bareRepo(t)
			sub := b.blob(cred(keyA, secretA))
			top := b.blob("top\n")
			t1 := b.tree(map[string]entry{"sub/a.env": file(sub), "top.txt": file(top)})
			c1 := b.commit(t1, "c1")
			t2 := b.tree(map[string]entry{"sub/a.env": file(sub), "top.txt": file(top), "b.env": file(b.blob(cred(keyB, secretB)))})
			c2 := b.commit(t2, "c2", c1)
			setBranch(t, r, "master", c2)
			subTree := b.tree(map[string]entry{"a.env": file(sub)})
			// The blob of the lost tree is still read; where it was is unknown.
			return built{dir, subTree, "sub", map[string]string{keyA: "", keyB: c2.String()}}
		}},
		{"root tree", func(t *testing.T) built {
			dir, r, b := bareRepo(t)
			a := b.blob(cred(keyA, secretA))
			t1 := b.tree(map[string]entry{"a.env": file(a)})
			c1 := b.commit(t1, "c1")
			t2 := b.tree(map[string]entry{"a.env": file(a), "b.env": file(b.blob(cred(keyB, secretB)))})
			c2 := b.commit(t2, "c2", c1)
			setBranch(t, r, "master", c2)
			// c2's tree lost: a.env is still found at c1; b.env's blob has no known path.
			return built{dir, t2, "", map[string]string{keyA: c1.String(), keyB: ""}}
		}},
		{"parent commit", func(t *testing.T) built {
			dir, r, b := bareRepo(t)
			a := b.blob(cred(keyA, secretA))
			c1 := b.commit(b.tree(map[string]entry{"a.env": file(a)}), "c1")
			bb := b.blob(cred(keyB, secretB))
			c2 := b.commit(b.tree(map[string]entry{"a.env": file(a), "b.env": file(bb)}), "c2", c1)
			c3 := b.commit(b.tree(map[string]entry{"a.env": file(a), "b.env": file(bb), "c.txt": file(b.blob("c\n"))}), "c3", c2)
			setBranch(t, r, "master", c3)
			// c2 lost: c1 is unreachable, so both credentials are first seen at c3.
			return built{dir, c2, "", map[string]string{keyA: c3.String(), keyB: c3.String()}}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bt := tc.build(t)
			if err := os.Remove(looseObjectPath(bt.dir, bt.missing)); err != nil {
				t.Fatal(err)
			}
			s := &scan.Scanner{Rules: testSet(t)}
			fs, _, err := history(t, s, bt.dir)
			if !errors.Is(err, scan.ErrMissingObject) {
				t.Fatalf("error %v does not wrap ErrMissingObject", err)
			}
			if !hasProblem(err, bt.path, bt.missing.String(), scan.ErrMissingObject) {
				t.Errorf("no problem names the missing object %s at %q: %v", bt.missing, bt.path, err)
			}
			if len(problemsOf(err)) != 1 {
				t.Errorf("problems: %v, want one", err)
			}
			if !strings.Contains(err.Error(), bt.missing.String()) {
				t.Errorf("message does not name the object: %v", err)
			}
			if len(fs) != len(bt.want) {
				logFindings(t, fs)
				t.Fatalf("%d findings, want %d", len(fs), len(bt.want))
			}
			for key, commit := range bt.want {
				f, ok := findingFor(fs, key)
				if !ok || len(f.Locations) != 1 || f.Locations[0].Commit != commit || f.Locations[0].Blob == "" {
					t.Errorf("finding for %s: %+v, want one location at commit %q", key[:6], f.Locations, commit)
				}
			}
			// A range scan over the whole history reports the loss too.
			repo, err := git.PlainOpen(bt.dir)
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.HistoryRange(bg, repo, []string{"master"}, nil, func(scan.Finding) {})
			if !hasProblem(err, bt.path, bt.missing.String(), scan.ErrMissingObject) {
				t.Errorf("range scan: no problem names the missing object: %v", err)
			}
		})
	}
}

// TestHostileStagedMissingBlob: the index names a blob the object store
// lacks (a partial clone, a crashed `git add`): reported with its path,
// the other staged files still scanned.
func TestHostileStagedMissingBlob(t *testing.T) {
	dir, r, b := bareRepo(t)
	a := b.blob(cred(keyA, secretA))
	lost := plumbing.NewHash("fedcba9876543210fedcba9876543210fedcba98")
	idx := &index.Index{Version: 2, Entries: []*index.Entry{
		{Name: "a.env", Hash: a, Mode: filemode.Regular},
		{Name: "lost.env", Hash: lost, Mode: filemode.Regular},
	}}
	if err := r.Storer.SetIndex(idx); err != nil {
		t.Fatal(err)
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, dir, fn) })
	t.Logf("error: %v", err)
	if !hasProblem(err, "lost.env", lost.String(), nil) {
		t.Errorf("the missing staged blob is not reported with its path: %v", err)
	}
	if len(fs) != 1 || fs[0].Parts[0].Value != keyA {
		t.Errorf("%d findings, want a.env's", len(fs))
	}
}

// ---- 3. Corrupt objects ----------------------------------------------

// twoCommits builds c1 (a.env holds A, plain.txt) and c2 (adds b.env
// holding B) as loose objects.
func twoCommits(t *testing.T) (dir string, r *git.Repository, ids map[string]plumbing.Hash) {
	dir, r, b := bareRepo(t)
	ids = map[string]plumbing.Hash{}
	ids["a"] = b.blob(cred(keyA, secretA))
	ids["plain"] = b.blob("plain text, long enough to be worth compressing: " + strings.Repeat("abc ", 50) + "\n")
	ids["tree1"] = b.tree(map[string]entry{"a.env": file(ids["a"]), "plain.txt": file(ids["plain"])})
	ids["c1"] = b.commit(ids["tree1"], "c1")
	ids["b"] = b.blob(cred(keyB, secretB))
	ids["tree2"] = b.tree(map[string]entry{"a.env": file(ids["a"]), "plain.txt": file(ids["plain"]), "b.env": file(ids["b"])})
	ids["c2"] = b.commit(ids["tree2"], "c2", ids["c1"])
	setBranch(t, r, "master", ids["c2"])
	return dir, r, ids
}

func deflate(data string) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write([]byte(data))
	w.Close()
	return buf.Bytes()
}

func TestHostileCorruptLooseObjects(t *testing.T) {
	cases := []struct {
		name   string
		object string // which object to corrupt
		data   func(orig []byte) []byte
		// findings expected (by key) despite the corruption
		want []string
	}{
		{"blob garbage", "plain", func([]byte) []byte { return []byte("this is not zlib at all") }, []string{keyA, keyB}},
		{"blob empty file", "plain", func([]byte) []byte { return nil }, []string{keyA, keyB}},
		{"blob truncated zlib", "plain", func(o []byte) []byte { return o[:len(o)/2] }, []string{keyA, keyB}},
		{"blob bad header", "plain", func([]byte) []byte { return deflate("blob notanumber\x00hello\n") }, []string{keyA, keyB}},
		{"blob size larger than content", "plain", func([]byte) []byte { return deflate("blob 1000\x00short\n") }, []string{keyA, keyB}},
		{"credential blob garbage", "b", func([]byte) []byte { return []byte{0x78, 0x9c, 0xff, 0xff, 0xff} }, []string{keyA}},
		{"tree garbage", "tree1", func([]byte) []byte { return []byte("garbage tree") }, []string{keyA, keyB}},
		{"commit garbage", "c1", func([]byte) []byte { return []byte("garbage commit") }, []string{keyA, keyB}},
		{"head commit garbage", "c2", func([]byte) []byte { return []byte("garbage commit") }, []string{keyA, keyB}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir, _, ids := twoCommits(t)
			h := ids[tc.object]
			p := looseObjectPath(dir, h)
			orig, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			os.Chmod(p, 0o644)
			if err := os.WriteFile(p, tc.data(orig), 0o644); err != nil {
				t.Fatal(err)
			}
			s := &scan.Scanner{Rules: testSet(t)}
			fs, _, err := history(t, s, dir)
			if err == nil {
				t.Fatal("a corrupt object gave no error")
			}
			if !hasProblem(err, "*", h.String(), nil) {
				t.Errorf("no problem names the corrupt object %s: %v", h, err)
			}
			for _, key := range tc.want {
				if _, ok := findingFor(fs, key); !ok {
					logFindings(t, fs)
					t.Errorf("finding for %s lost; error: %v", key[:6], err)
				}
			}
			t.Logf("error: %v", err)
		})
	}
}

// TestHostileCorruptNotMissing: an object that is present but unreadable
// is corrupt, not missing; it must be reported as such (once), and content
// whose hash is not its id must not be filed under another id.
func TestHostileCorruptNotMissing(t *testing.T) {
	// was a bug: scan/history.go provenance reports every present-but-unreadable blob a second time as \"blob referenced by commit …: object missing from the repository\" (wrapping ErrMissingObject), because scanBlobs' present set only holds blobs read successfully; and scan/objects.go forEachBlob keys a loose object by obj.Hash() (recomputed from its content) instead of the id it is stored under, so a loose object whose content does not match its id (a wrong size header, a swapped file) is reported as missing and its findings get a blob id that is not in the repository and no path. Expected: one Problem per corrupt object, naming it and the cause (not ErrMissingObject), path attached when known.")
	cases := []struct {
		name string
		data []byte
	}{
		{"garbage", []byte("this is not zlib at all")},
		{"size header larger than content", deflate("blob 1000\x00short\n")},
		{"content of another object", deflate("blob 9\x00other!!\n\n")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir, _, ids := twoCommits(t)
			h := ids["plain"]
			p := looseObjectPath(dir, h)
			os.Chmod(p, 0o644)
			if err := os.WriteFile(p, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			s := &scan.Scanner{Rules: testSet(t)}
			fs, _, err := history(t, s, dir)
			t.Logf("error: %v", err)
			if !hasProblem(err, "*", h.String(), nil) {
				t.Errorf("no problem names the corrupt object %s", h)
			}
			if errors.Is(err, scan.ErrMissingObject) {
				t.Errorf("a present but corrupt object is reported as missing (ErrMissingObject)")
			}
			if n := len(problemsOf(err)); n != 1 {
				t.Errorf("%d problems, want 1 for the one corrupt object", n)
			}
			if len(fs) != 2 {
				t.Errorf("%d findings, want 2", len(fs))
			}
		})
	}
}

// twoPacks builds c1 (a.env: A, f1/*) in one pack and c2 (b.env: B,
// f2/*) in another; no object is in both. salt varies the pack names.
func twoPacks(t *testing.T, salt int) (dir string, p1, p2 plumbing.Hash, ids map[string]plumbing.Hash) {
	dir, r, b := bareRepo(t)
	ids = map[string]plumbing.Hash{}
	ids["a"] = b.blob(cred(keyA, secretA))
	var filler []string
	for i := 0; i < 50; i++ { // enough objects that "the middle" is well inside the pack
		filler = append(filler, fmt.Sprintf("filler %d/%d %s\n", i, salt, strings.Repeat("xyz", i)))
	}
	files1 := map[string]entry{"a.env": file(ids["a"])}
	for i, f := range filler {
		files1[fmt.Sprintf("f1/%02d.txt", i)] = file(b.blob("one " + f))
	}
	ids["c1"] = b.commit(b.tree(files1), "c1")
	p1 = packLoose(t, dir)
	ids["b"] = b.blob(cred(keyB, secretB))
	files2 := map[string]entry{"b.env": file(ids["b"])}
	for k, v := range files1 {
		files2[k] = v
	}
	for i, f := range filler {
		files2[fmt.Sprintf("f2/%02d.txt", i)] = file(b.blob("two " + f))
	}
	ids["c2"] = b.commit(b.tree(files2), "c2", ids["c1"])
	setBranch(t, r, "master", ids["c2"])
	p2 = packLoose(t, dir)
	return dir, p1, p2, ids
}

func TestHostileCorruptPacks(t *testing.T) {
	truncate := func(p string) {
		st, _ := os.Stat(p)
		if err := os.Truncate(p, st.Size()/2); err != nil {
			panic(err)
		}
	}
	scribble := func(p string) {
		data, _ := os.ReadFile(p)
		mid := len(data) / 2
		for i := mid; i < mid+64 && i < len(data); i++ {
			data[i] ^= 0x5a
		}
		os.Chmod(p, 0o644)
		os.WriteFile(p, data, 0o644)
	}
	garbage := func(p string) {
		os.Chmod(p, 0o644)
		os.WriteFile(p, []byte("not an index"), 0o644)
	}
	cases := []struct {
		name    string
		which   int // 1: the old pack (c1), 2: the new pack (c2)
		idx     bool
		corrupt func(string)
		want    string // key whose finding must survive
	}{
		{"old pack truncated", 1, false, truncate, keyB},
		{"new pack truncated", 2, false, truncate, keyA},
		{"old pack scribbled", 1, false, scribble, keyB},
		{"new pack scribbled", 2, false, scribble, keyA},
		{"old idx truncated", 1, true, truncate, keyB},
		{"new idx truncated", 2, true, truncate, keyA},
		{"old idx garbage", 1, true, garbage, keyB},
		{"new idx garbage", 2, true, garbage, keyA},
		{"old idx missing", 1, true, func(p string) { os.Remove(p) }, keyB},
		{"new idx missing", 2, true, func(p string) { os.Remove(p) }, keyA},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir, p1, p2, _ := twoPacks(t, 0)
			ph := p1
			if tc.which == 2 {
				ph = p2
			}
			pack, idx := packPaths(dir, ph)
			target := pack
			if tc.idx {
				target = idx
			}
			tc.corrupt(target)
			s := &scan.Scanner{Rules: testSet(t)}
			var fs []scan.Finding
			var err error
			runBounded(t, 30*time.Second, nil, func() { fs, _, err = history(t, s, dir) })
			if err == nil {
				t.Fatal("a corrupt pack gave no error")
			}
			t.Logf("error: %v", err)
			// The pack is named when its enumeration failed; a damaged
			// tree or commit is named by its id.
			if len(problemsOf(err)) == 0 {
				t.Errorf("error lists no problem: %v", err)
			}
			if _, ok := findingFor(fs, tc.want); !ok {
				logFindings(t, fs)
				t.Errorf("the finding from the intact pack (%s) was lost", tc.want[:6])
			}
		})
	}
}

// TestHostilePackOneBadObject damages one blob near the start of a pack:
// the blobs after it in the pack are intact and readable one by one, so
// the credential among them must still be found at its path, and the
// damaged blob reported as unreadable (not as missing).
func TestHostilePackOneBadObject(t *testing.T) {
	// was a bug: scan/objects.go forEachPackedBlob stops a pack's enumeration at its first unreadable object (iter.ForEach returns the error), so every blob after it in the pack is never scanned; provenance then reports each of them as ErrMissingObject although the pack holds them intact. A credential after a damaged object is lost. (Related: when a truncated pack ends at an entry boundary, go-git's iterator returns io.EOF, which ForEach treats as the normal end: no pack error at all, the lost blobs surface only as \"missing\".) Expected: on an error, go on with the remaining idx entries (e.g. EncodedObject per hash not yet seen), one Problem per unreadable object, naming it.")
	dir, r, b := bareRepo(t)
	bad := b.blob("damaged filler " + strings.Repeat("lorem ipsum ", 40) + "\n")
	good := b.blob(cred(keyA, secretA))
	var files = map[string]entry{"bad.txt": file(bad), "key.env": file(good)}
	tree := b.tree(files)
	c1 := b.commit(tree, "c1")
	setBranch(t, r, "master", c1)
	// Pack in a chosen order: the damaged blob first, the credential after.
	hs := []plumbing.Hash{c1, tree, bad, good}
	all := looseHashes(t, dir)
	ph := writePack(t, r, r.Storer, hs, func() {
		for _, h := range all {
			os.Remove(looseObjectPath(dir, h))
		}
	})
	pack, idx := packPaths(dir, ph)
	var badOff, goodOff uint64
	for _, e := range idxEntries(t, idx) {
		switch e.Hash {
		case bad:
			badOff = e.Offset
		case good:
			goodOff = e.Offset
		}
	}
	if badOff == 0 || goodOff <= badOff {
		t.Fatalf("pack order: bad at %d, good at %d", badOff, goodOff)
	}
	data, _ := os.ReadFile(pack)
	for i := badOff + 8; i < badOff+24; i++ {
		data[i] ^= 0xff
	}
	os.Chmod(pack, 0o644)
	os.WriteFile(pack, data, 0o644)

	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := history(t, s, dir)
	t.Logf("error: %v", err)
	if !hasProblem(err, "*", bad.String(), nil) {
		t.Errorf("the damaged blob %s is not named: %v", bad, err)
	}
	if hasProblem(err, "*", good.String(), nil) {
		t.Errorf("the intact blob %s is reported as a problem: %v", good, err)
	}
	f, ok := findingFor(fs, keyA)
	if !ok || f.Locations[0].Path != "key.env" || f.Locations[0].Commit != c1.String() {
		logFindings(t, fs)
		t.Errorf("credential after the damaged object: found=%v %+v", ok, f.Locations)
	}
}

// TestHostileFirstIdxBroken breaks the .idx of the pack listed first: the
// other pack is intact, so its commit, tree and blob must be read
// normally (the credential found at its path and commit).
func TestHostileFirstIdxBroken(t *testing.T) {
	t.Skip("KNOWN LIMITATION (go-git): with several packs, a broken .idx in the pack listed first makes go-git's ObjectStorage.requireIndex fail on the first lookup and leave a partial index: every pack listed after it is never indexed, so intact commits/trees are reported missing (and the first lookup, e.g. refs/heads/master, fails with the idx error). scan/history.go (OpenRepository/HistoryRepo) should keep packs with an unreadable .idx out of the object store (e.g. a filesystem overlay hiding them, each reported once as a Problem) so the other packs are still read.")
	// Find a salt for which the old pack (c1) sorts before the new one.
	for salt := 0; salt < 64; salt++ {
		dir, p1, p2, ids := twoPacks(t, salt)
		if p1.String() > p2.String() {
			continue
		}
		_, idx := packPaths(dir, p1)
		os.Truncate(idx, 100)
		s := &scan.Scanner{Rules: testSet(t)}
		fs, _, err := history(t, s, dir)
		t.Logf("error: %v", err)
		if !strings.Contains(err.Error(), p1.String()) {
			t.Errorf("the broken pack %s is not named: %v", p1, err)
		}
		if hasProblem(err, "*", ids["c2"].String(), nil) {
			t.Errorf("the intact head commit %s (in the intact pack) is reported as a problem", ids["c2"])
		}
		f, ok := findingFor(fs, keyB)
		if !ok || len(f.Locations) != 1 || f.Locations[0].Commit != ids["c2"].String() || f.Locations[0].Path != "b.env" {
			logFindings(t, fs)
			t.Errorf("credential in the intact pack: found=%v locations %+v, want b.env at c2", ok, f.Locations)
		}
		return
	}
	t.Fatal("no salt gave the wanted pack order")
}

// ---- 4. Huge blob ------------------------------------------------------

// hugeContent is ~200 MiB of 64-byte lines with three credentials: B with
// its key line ending 10 bytes before the first chunk boundary
// (DefaultChunkSize) and its secret line across it, A in the middle, and
// C at the very end with no final newline.
func hugeContent() []segment {
	mib := 1 << 20 // each half of the content is 100 MiB
	if raceEnabled {
		mib = 1 << 17 // 12.5 MiB halves: still three chunks
	}
	line := len(fillerLine)
	straddle := "padpadpad\n" + cred(keyB, secretB) // 10 + 44 + 55 bytes
	segs := []segment{
		{fillerLines: scan.DefaultChunkSize/line - 1}, // ends 64 bytes before the boundary
		{text: straddle},
		{fillerLines: 100 * mib / line},
		{text: cred(keyA, secretA)},
		{fillerLines: 100*mib/line - 10},
		{text: "TESTEX_KEY=" + keyC + "\nTESTEX_SECRET=" + secretC},
	}
	return segs
}

func checkHuge(t *testing.T, fs []scan.Finding, segs []segment) {
	t.Helper()
	want := []struct {
		key, secret string
		seg         int
	}{{keyB, secretB, 1}, {keyA, secretA, 3}, {keyC, secretC, 5}}
	if len(fs) != len(want) {
		logFindings(t, fs)
		t.Fatalf("%d findings, want %d", len(fs), len(want))
	}
	for _, w := range want {
		f, ok := findingFor(fs, w.key)
		if !ok || !f.Complete || len(f.Parts) != 2 || f.Parts[1].Value != w.secret {
			t.Errorf("credential %s: found=%v %+v", w.key[:6], ok, f.Parts)
			continue
		}
		kl := lineOf(segs, w.seg, "TESTEX_KEY=")
		if f.Parts[0].Line != kl || f.Parts[1].Line != kl+1 || f.Locations[0].Line != kl {
			t.Errorf("credential %s: lines %d/%d (location %d), want %d/%d", w.key[:6], f.Parts[0].Line, f.Parts[1].Line, f.Locations[0].Line, kl, kl+1)
		}
		if f.Parts[0].Column != len("TESTEX_KEY=")+1 || f.Parts[1].Column != len("TESTEX_SECRET=")+1 {
			t.Errorf("credential %s: columns %d/%d", w.key[:6], f.Parts[0].Column, f.Parts[1].Column)
		}
	}
}

// hugeRepo writes the huge content as a loose blob at logs/huge.log in
// one commit, streamed (never whole in memory).
func hugeRepo(t *testing.T, segs []segment) (dir string, blob, commit plumbing.Hash) {
	dir, r, b := bareRepo(t)
	start := time.Now()
	blob = writeLooseStream(t, dir, plumbing.BlobObject, segSize(segs), &segReader{segs: segs})
	commit = b.commit(b.tree(map[string]entry{"logs/huge.log": file(blob)}), "huge")
	setBranch(t, r, "master", commit)
	t.Logf("wrote a %d MiB loose blob in %v", segSize(segs)>>20, time.Since(start).Round(time.Millisecond))
	return dir, blob, commit
}

// scanHuge scans the huge repository, checks the findings and returns the
// heap growth in MiB.
func scanHuge(t *testing.T, dir string, segs []segment, blob, commit plumbing.Hash, what string) float64 {
	s := &scan.Scanner{Rules: testSet(t), MaxTargetBytes: -1} // the whole blob, past the default size limit
	start := time.Now()
	probe := startHeapProbe()
	fs, st, err := history(t, s, dir)
	grew := probe.end()
	t.Logf("%s: %d MiB in %v, heap grew %.1f MiB", what, st.Bytes>>20, time.Since(start).Round(time.Millisecond), grew)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != segSize(segs) {
		t.Errorf("read %d bytes, want %d", st.Bytes, segSize(segs))
	}
	checkHuge(t, fs, segs)
	for _, f := range fs {
		if l := f.Locations[0]; l.Path != "logs/huge.log" || l.Commit != commit.String() || l.Blob != blob.String() {
			t.Errorf("location %+v", l)
		}
	}
	return grew
}

func repackWithGit(t *testing.T, dir string) {
	needGit(t)
	start := time.Now()
	runGit(t, dir, "repack", "-a", "-d", "-q")
	t.Logf("git repack: %v", time.Since(start).Round(time.Millisecond))
	if len(looseHashes(t, dir)) != 0 {
		t.Fatal("loose objects left after repack")
	}
}

// maxHeapMiB bounds the heap growth of a scan of the huge content: the
// scanner holds one 8 MiB chunk (plus overlap and its lower-cased copy)
// per worker.
const maxHeapMiB = 100

// TestHostileHugeBlob scans ~200 MiB of content (a 1 GiB blob is too much
// for a unit test) as a stream, as a loose object and as a packed object:
// every credential is found at the right line and column. The heap growth
// (HeapInuse sampled every 5 ms, over the baseline after a GC) is logged;
// it is bounded for streams here and for blobs in
// TestHostileHugeBlobBoundedMemory.
func TestHostileHugeBlob(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and scans ~200 MiB three times")
	}
	if raceEnabled {
		t.Log("race detector: ~33 MiB instead of ~200 MiB")
	}
	segs := hugeContent()
	size := segSize(segs)
	if off := int64(scan.DefaultChunkSize - 10); !strings.HasPrefix(readAt(segs, off, 15), "TESTEX_SECRET=") {
		t.Fatalf("layout: the secret line does not start 10 bytes before the chunk boundary: %q", readAt(segs, off, 15))
	}
	t.Run("stream", func(t *testing.T) {
		s := &scan.Scanner{Rules: testSet(t), MaxTargetBytes: -1} // the whole stream, past the default size limit
		start := time.Now()
		probe := startHeapProbe()
		fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return s.Reader(bg, &segReader{segs: segs}, "huge.log", fn)
		})
		grew := probe.end()
		t.Logf("stream: %d MiB in %v, heap grew %.1f MiB", size>>20, time.Since(start).Round(time.Millisecond), grew)
		if err != nil {
			t.Fatal(err)
		}
		if st.Bytes != size {
			t.Errorf("read %d bytes, want %d", st.Bytes, size)
		}
		checkHuge(t, fs, segs)
		if grew > maxHeapMiB {
			t.Errorf("heap grew %.1f MiB scanning a stream, want < %d", grew, maxHeapMiB)
		}
	})
	dir, blob, commit := hugeRepo(t, segs)
	t.Run("loose", func(t *testing.T) { scanHuge(t, dir, segs, blob, commit, "loose") })
	t.Run("packed", func(t *testing.T) {
		repackWithGit(t, dir)
		scanHuge(t, dir, segs, blob, commit, "packed")
	})
}

// TestHostileHugeBlobBoundedMemory: scanning a large blob must keep the
// heap bounded, whatever the blob's size.
func TestHostileHugeBlobBoundedMemory(t *testing.T) {
	// was a bug: a large blob is inflated whole into memory (measured: heap +660 MiB for a 207 MiB loose blob, +636 MiB packed; ~3x the blob, so a 1 GiB blob needs ~3 GiB). scan/history.go OpenRepository opens the store without filesystem.Options.LargeObjectThreshold, so go-git's getFromUnpacked reads loose objects into a MemoryObject (forEachBlob's EncodedObject(AnyObject) call already does, just to learn the type); scan/objects.go forEachPackedBlob passes largeObjectThreshold 0 to filesystem.NewPackfileIter, so FSObject.Reader inflates packed blobs whole too. matchObject's streaming path never gets a stream. Expected: open the storage with LargeObjectThreshold (e.g. DefaultChunkSize; checked: the loose scan then grows the heap 37 MiB and runs 2.0 s instead of 5.5 s) and pass the same threshold to NewPackfileIter.")
	if testing.Short() {
		t.Skip("writes and scans ~200 MiB twice")
	}
	segs := hugeContent()
	dir, blob, commit := hugeRepo(t, segs)
	for _, what := range []string{"loose", "packed"} {
		if what == "packed" {
			repackWithGit(t, dir)
		}
		if grew := scanHuge(t, dir, segs, blob, commit, what); grew > maxHeapMiB {
			t.Errorf("heap grew %.1f MiB scanning a %d MiB %s blob, want < %d", grew, segSize(segs)>>20, what, maxHeapMiB)
		}
	}
}

// readAt returns n bytes of the segments' content at off.
func readAt(segs []segment, off int64, n int) string {
	r := &segReader{segs: segs}
	io.CopyN(io.Discard, r, off)
	buf := make([]byte, n)
	io.ReadFull(r, buf)
	return string(buf)
}

// ---- 5. Many tiny blobs -----------------------------------------------

// TestHostileManyTinyBlobs: one commit of 100,000 tiny files (1,000
// directories of 100), built in memory with go-git and written as one
// pack. The scan completes in reasonable time and finds the credential.
func TestHostileManyTinyBlobs(t *testing.T) {
	n := 100_000
	if testing.Short() || raceEnabled {
		n = 10_000 // the race detector makes go-git's pack writing ~15x slower
	}
	start := time.Now()
	dir, c, credPath := manyBlobsRepo(t, n)
	t.Logf("built %d tiny blobs in one pack in %v", n, time.Since(start).Round(time.Millisecond))

	s := &scan.Scanner{Rules: testSet(t)}
	start = time.Now()
	var fs []scan.Finding
	var st scan.Stats
	var err error
	runBounded(t, 5*time.Minute, nil, func() { fs, st, err = history(t, s, dir) })
	took := time.Since(start)
	t.Logf("history scan of %d tiny blobs: %v (%d blobs, %d bytes)", n, took.Round(time.Millisecond), st.Files, st.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != int64(n) {
		t.Errorf("scanned %d blobs, want %d", st.Files, n)
	}
	if len(fs) != 1 || fs[0].Locations[0].Path != credPath || fs[0].Locations[0].Commit != c.String() {
		logFindings(t, fs)
		t.Errorf("want one finding at %s", credPath)
	}
}

// manyBlobsRepo builds one commit of n tiny files (1,000 directories)
// in memory and writes it as one pack; one file holds credential A.
func manyBlobsRepo(t *testing.T, n int) (dir string, commit plumbing.Hash, credPath string) {
	mem := memory.NewStorage()
	b := &objBuilder{t: t, s: mem}
	files := make(map[string]entry, n)
	for i := 0; i < n; i++ {
		p := fmt.Sprintf("d%03d/f%06d.txt", i%1000, i)
		content := fmt.Sprintf("tiny file %d\n", i)
		if i == n/2+7 {
			content, credPath = cred(keyA, secretA), p
		}
		files[p] = file(b.blob(content))
	}
	commit = b.commit(b.tree(files), "many")
	var hs []plumbing.Hash
	for h := range mem.ObjectStorage.Objects {
		hs = append(hs, h)
	}
	dir = t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	writePack(t, r, mem, hs, nil)
	setBranch(t, r, "master", commit)
	return dir, commit, credPath
}

// ---- 6. Deep trees ----------------------------------------------------

func deepPath(depth int, name string) string {
	var parts []string
	for i := 0; i < depth; i++ {
		parts = append(parts, fmt.Sprintf("d%03d", i))
	}
	return strings.Join(append(parts, name), "/")
}

// TestHostileDeepTree: a credential 200 directories deep is found with
// its full path by the history, range, directory and staged scans.
func TestHostileDeepTree(t *testing.T) {
	deep := deepPath(200, "secret.env")
	check := func(t *testing.T, fs []scan.Finding, err error, commit string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || len(fs[0].Locations) != 1 {
			logFindings(t, fs)
			t.Fatalf("%d findings, want 1", len(fs))
		}
		if l := fs[0].Locations[0]; l.Path != deep || l.Commit != commit || l.Line != 1 {
			t.Errorf("location %q line %d commit %q, want %q line 1 commit %q", l.Path, l.Line, l.Commit, deep, commit)
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	t.Run("history", func(t *testing.T) {
		dir, r, b := bareRepo(t)
		c := b.commit(b.tree(map[string]entry{deep: file(b.blob(cred(keyA, secretA))), "top.txt": file(b.blob("top\n"))}), "deep")
		setBranch(t, r, "master", c)
		fs, _, err := history(t, s, dir)
		check(t, fs, err, c.String())
		fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return s.HistoryRange(bg, r, []string{"master"}, nil, fn)
		})
		check(t, fs, err, c.String())
	})
	t.Run("dir and staged", func(t *testing.T) {
		dir, r, b := bareRepo(t)
		writeFile(t, dir, deep, cred(keyA, secretA))
		idx := &index.Index{Version: 2, Entries: []*index.Entry{{Name: deep, Hash: b.blob(cred(keyA, secretA)), Mode: filemode.Regular}}}
		if err := r.Storer.SetIndex(idx); err != nil {
			t.Fatal(err)
		}
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, dir, scan.DirOptions{}, fn) })
		check(t, fs, err, "")
		fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, dir, fn) })
		check(t, fs, err, "")
	})
}

// ---- 7. Submodules and symlinks ----------------------------------------

// TestHostileGitlinks: a gitlink (submodule) names a commit of another
// repository, absent here; every scan skips it without error.
func TestHostileGitlinks(t *testing.T) {
	dir, r, b := bareRepo(t)
	foreign := plumbing.NewHash("0123456789abcdef0123456789abcdef01234567")
	foreign2 := plumbing.NewHash("89abcdef0123456789abcdef0123456789abcdef")
	gitmodules := b.blob("[submodule \"vendor/lib\"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n")
	a := b.blob(cred(keyA, secretA))
	c1 := b.commit(b.tree(map[string]entry{
		".gitmodules": file(gitmodules), "a.env": file(a),
		"vendor/lib": {filemode.Submodule, foreign},
	}), "c1")
	bb := b.blob(cred(keyB, secretB))
	c2 := b.commit(b.tree(map[string]entry{
		".gitmodules": file(gitmodules), "a.env": file(a), "b.env": file(bb),
		"vendor/lib": {filemode.Submodule, foreign2}, // submodule bumped
	}), "c2", c1)
	setBranch(t, r, "master", c2)
	s := &scan.Scanner{Rules: testSet(t)}

	fs, st, err := history(t, s, dir)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	if len(fs) != 2 || st.Commits != 2 {
		t.Errorf("history: %d findings over %d commits, want 2 and 2", len(fs), st.Commits)
	}
	fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.HistoryRange(bg, r, []string{c2.String()}, []string{c1.String()}, fn)
	})
	if err != nil || len(fs) != 1 || fs[0].Parts[0].Value != keyB {
		t.Errorf("range: %d findings, %v; want B only", len(fs), err)
	}
	// Staged: an index whose gitlink differs from HEAD's, next to a new file.
	cc := b.blob(cred(keyC, secretC))
	idx := &index.Index{Version: 2, Entries: []*index.Entry{
		{Name: ".gitmodules", Hash: gitmodules, Mode: filemode.Regular},
		{Name: "a.env", Hash: a, Mode: filemode.Regular},
		{Name: "b.env", Hash: bb, Mode: filemode.Regular},
		{Name: "c.env", Hash: cc, Mode: filemode.Regular},
		{Name: "vendor/lib", Hash: foreign, Mode: filemode.Submodule},
	}}
	if err := r.Storer.SetIndex(idx); err != nil {
		t.Fatal(err)
	}
	fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, dir, fn) })
	if err != nil || len(fs) != 1 || fs[0].Parts[0].Value != keyC {
		t.Errorf("staged: %d findings, %v; want C only", len(fs), err)
	}
}

// TestHostileSymlinksInHistory: a symbolic link in git is a blob holding
// the target path. Decision: the link's blob is scanned like any blob (its
// text is in the history, and the same blob may also be a regular file's
// content), but the link is never followed: the target file's credential
// is reported at the target's path only, never at the link's.
func TestHostileSymlinksInHistory(t *testing.T) {
	dir, r, b := bareRepo(t)
	real := b.blob(cred(keyA, secretA))
	c := b.commit(b.tree(map[string]entry{
		"real.env":  file(real),
		"link.env":  {filemode.Symlink, b.blob("real.env")},
		"outside":   {filemode.Symlink, b.blob("../../etc/passwd")},
		"odd-link":  {filemode.Symlink, b.blob(cred(keyB, secretB))}, // a target path that is itself a leak
		"dir-link":  {filemode.Symlink, b.blob(".")},
		"self-link": {filemode.Symlink, b.blob("self-link")},
	}), "links")
	setBranch(t, r, "master", c)
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := history(t, s, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths(fs), ","); got != "odd-link,real.env" {
		logFindings(t, fs)
		t.Errorf("paths %s, want real.env (the link to it is not followed) and odd-link (its own text)", got)
	}
}

// TestHostileSymlinksInDir: a directory scan never follows symbolic links,
// to files or directories, inside the tree or out of it.
func TestHostileSymlinksInDir(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, outside, "out.env", cred(keyB, secretB))
	root := t.TempDir()
	writeFile(t, root, "in.env", cred(keyA, secretA))
	for link, target := range map[string]string{
		"file-link.env": filepath.Join(outside, "out.env"),
		"dir-link":      outside,
		"rel-link":      "in.env",
		"dangling":      filepath.Join(outside, "nope"),
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, root, scan.DirOptions{}, fn) })
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths(fs), ","); got != "in.env" || st.Files != 1 {
		t.Errorf("paths %s (%d files), want in.env only", got, st.Files)
	}
}

// ---- 8. Git LFS pointers -----------------------------------------------

const lfsPointer = "version https://git-lfs.github.com/spec/v1\n" +
	"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n" +
	"size 12345\n"

// TestHostileLFSPointers: LFS pointer files are scanned as the small text
// they are (the large content is not in the repository): no error, no
// finding, not even from the default packs (the 64-hex oid is not a key).
func TestHostileLFSPointers(t *testing.T) {
	g := newGitRepo(t)
	g.write(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n*.env.gpg filter=lfs\n")
	g.write("model.bin", lfsPointer)
	g.write("data/weights.bin", strings.Replace(lfsPointer, "4d7a", "5e8b", 1))
	g.write("keys.env", cred(keyA, secretA))
	g.commit("lfs")
	packs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	packs = append(packs, mustParseTestex(t))
	set, err := rules.Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	s := &scan.Scanner{Rules: set}
	runs := map[string]func(fn func(scan.Finding)) (scan.Stats, error){
		"history": func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) },
		"dir":     func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, g.dir, scan.DirOptions{}, fn) },
		"staged":  func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, g.dir, fn) },
	}
	for name, run := range runs {
		fs, st, err := collect(t, run)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if name != "staged" && (st.Files < 4 || st.SkippedBinary != 0) {
			t.Errorf("%s: %d files scanned, %d skipped as binary; want the pointers scanned as text", name, st.Files, st.SkippedBinary)
		}
		if got := strings.Join(paths(fs), ","); name != "staged" && got != "keys.env" {
			logFindings(t, fs)
			t.Errorf("%s: findings at %s, want keys.env only", name, got)
		}
	}
}

func mustParseTestex(t *testing.T) *rules.Pack {
	t.Helper()
	p, err := rules.ParseFile("testdata/testex.toml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// ---- 9. Encodings, line endings, minified files --------------------------

// TestHostileNonUTF8 puts Latin-1 bytes in a file name and around a
// credential: the path is reported byte for byte, the credential with its
// byte line and column.
func TestHostileNonUTF8(t *testing.T) {
	name := "caf\xe9/r\xe9sum\xe9.env" // Latin-1, not valid UTF-8
	content := "# \xe9t\xe9 \xff\xfe\n\xe9\xe8\xa0TESTEX_KEY=" + keyA + "\xa0\n\xe0 TESTEX_SECRET=" + secretA + " \xe9\n"
	check := func(t *testing.T, fs []scan.Finding, err error, wantPath string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 {
			logFindings(t, fs)
			t.Fatalf("%d findings, want 1", len(fs))
		}
		f := fs[0]
		if f.Locations[0].Path != wantPath {
			t.Errorf("path %q, want %q", f.Locations[0].Path, wantPath)
		}
		if f.Parts[0].Value != keyA || f.Parts[1].Value != secretA {
			t.Errorf("values %q %q", f.Parts[0].Value, f.Parts[1].Value)
		}
		if f.Parts[0].Line != 2 || f.Parts[0].Column != 3+len("TESTEX_KEY=")+1 || f.Parts[1].Line != 3 || f.Parts[1].Column != 2+len("TESTEX_SECRET=")+1 {
			t.Errorf("positions %d:%d %d:%d", f.Parts[0].Line, f.Parts[0].Column, f.Parts[1].Line, f.Parts[1].Column)
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	t.Run("history", func(t *testing.T) {
		dir, r, b := bareRepo(t)
		c := b.commit(b.tree(map[string]entry{name: file(b.blob(content))}), "latin1")
		setBranch(t, r, "master", c)
		fs, _, err := history(t, s, dir)
		check(t, fs, err, name)
	})
	t.Run("dir", func(t *testing.T) {
		root := t.TempDir()
		if err := os.MkdirAll(filepath.Join(root, "caf\xe9"), 0o755); err != nil {
			t.Skipf("file system refuses non-UTF-8 names: %v", err)
		}
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), []byte(content), 0o644); err != nil {
			t.Skipf("file system refuses non-UTF-8 names: %v", err)
		}
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, root, scan.DirOptions{}, fn) })
		check(t, fs, err, name)
	})
	t.Run("reader", func(t *testing.T) {
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return s.Reader(bg, strings.NewReader(content), "stdin\xe9", fn)
		})
		check(t, fs, err, "stdin\xe9")
	})
}

// TestHostileCRLF: credential lines ending in \r\n are found with the
// right line numbers and values without \r, in every kind of scan.
func TestHostileCRLF(t *testing.T) {
	content := "first line\r\nsecond line\r\n\r\nTESTEX_KEY=" + keyA + "\r\nTESTEX_SECRET=" + secretA + "\r\nTESTEX_PASSPHRASE=Pa55-w0rd!\r\nlast\r\n"
	check := func(t *testing.T, fs []scan.Finding, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			for _, p := range f.Parts {
				if strings.ContainsAny(p.Value, "\r\n") {
					t.Errorf("%s value %q holds a line ending", p.RuleID, p.Value)
				}
			}
		}
		f, ok := findingFor(fs, keyA)
		if !ok || f.Parts[1].Value != secretA || f.Parts[0].Line != 4 || f.Parts[1].Line != 5 || f.Locations[0].Line != 4 {
			logFindings(t, fs)
			t.Fatalf("credential: found=%v %+v", ok, f.Parts)
		}
		for _, f := range fs {
			if f.RuleID == "testex-passphrase" && (f.Parts[0].Value != "Pa55-w0rd!" || f.Parts[0].Line != 6) {
				t.Errorf("passphrase %q at line %d, want Pa55-w0rd! at 6", f.Parts[0].Value, f.Parts[0].Line)
			}
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	g := newGitRepo(t)
	g.write("win.env", content)
	g.commit("crlf")
	t.Run("history", func(t *testing.T) { fs, _, err := history(t, s, g.dir); check(t, fs, err) })
	t.Run("dir", func(t *testing.T) {
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, g.dir, scan.DirOptions{}, fn) })
		check(t, fs, err)
	})
	t.Run("reader", func(t *testing.T) {
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return s.Reader(bg, strings.NewReader(content), "stdin", fn)
		})
		check(t, fs, err)
	})
	t.Run("chunked", func(t *testing.T) {
		// CRLF across chunk cuts: many CRLF lines before, tiny chunks.
		big := strings.Repeat("filler filler filler\r\n", 500) + content
		cs := &scan.Scanner{Rules: testSet(t), ChunkSize: 1024, Overlap: 256}
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return cs.Reader(bg, strings.NewReader(big), "stdin", fn)
		})
		if err != nil {
			t.Fatal(err)
		}
		f, ok := findingFor(fs, keyA)
		if !ok || f.Parts[0].Line != 504 || f.Parts[1].Line != 505 || f.Parts[1].Value != secretA {
			logFindings(t, fs)
			t.Errorf("chunked CRLF: found=%v %+v", ok, f.Parts)
		}
	})
}

// minified returns one line of n bytes (no newline) holding the
// credential at offset off.
func minified(n, off int, cred string) []byte {
	buf := bytes.Repeat([]byte("a=1,b=[2,3],c={d:'e'};"), n/22+1)[:n]
	copy(buf[off:], cred)
	return buf
}

const minCred = "TESTEX_KEY='" + keyA + "';TESTEX_SECRET='" + secretA + "';"

// TestHostileMinified: a minified one-line file of several MB with a
// credential in the middle is found at line 1 and the right byte column,
// in history, directory and stream scans.
func TestHostileMinified(t *testing.T) {
	const size, off = 5 << 20, 5<<20/2 + 3
	data := minified(size, off, minCred)
	wantKeyCol := off + len("TESTEX_KEY='") + 1
	wantSecretCol := off + len("TESTEX_KEY='"+keyA+"';TESTEX_SECRET='") + 1
	check := func(t *testing.T, fs []scan.Finding, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		f, ok := findingFor(fs, keyA)
		if len(fs) != 1 || !ok || !f.Complete {
			logFindings(t, fs)
			t.Fatalf("%d findings, want the one complete credential", len(fs))
		}
		if f.Parts[0].Line != 1 || f.Parts[0].Column != wantKeyCol || f.Parts[1].Line != 1 || f.Parts[1].Column != wantSecretCol {
			t.Errorf("positions %d:%d %d:%d, want 1:%d 1:%d", f.Parts[0].Line, f.Parts[0].Column, f.Parts[1].Line, f.Parts[1].Column, wantKeyCol, wantSecretCol)
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	g := newGitRepo(t)
	g.write("dist/app.min.js", string(data))
	g.commit("bundle")
	t.Run("history", func(t *testing.T) { fs, _, err := history(t, s, g.dir); check(t, fs, err) })
	t.Run("dir", func(t *testing.T) {
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, g.dir, scan.DirOptions{}, fn) })
		check(t, fs, err)
	})
	t.Run("reader", func(t *testing.T) {
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return s.Reader(bg, bytes.NewReader(data), "app.min.js", fn)
		})
		check(t, fs, err)
	})
}

// TestHostileMinifiedBeyondChunk: a one-line file larger than a chunk
// (minified bundles of 10-30 MB exist) is cut mid-line; a credential past
// the first cut, and one across it, must be found once each with their
// true column, and no truncated value reported at the cut.
func TestHostileMinifiedBeyondChunk(t *testing.T) {
	// was a bug: scan/scanner.go matchReader adjusts Start/End/Line of matches from later chunks by the chunk's base but not Column: rules.Find computes Column from the start of the chunk buffer, which, on a line longer than a chunk, is not the start of the line. A credential 10 MB into a one-line file is reported at column ~1.5 MB. Also at a mid-line cut (no newline in the chunk's second half) the chunk is matched with its last token truncated: a rule whose value has a variable length (testex-passphrase [!-~]{6,32}) matches the truncated prefix, and the full value is matched again in the next chunk, so a wrong truncated secret is reported besides the right one. Expected: Column relative to the real line start (track the offset of the last line start), and no match whose end touches a mid-line cut unless at EOF (defer it to the next chunk, which re-reads the overlap).")
	const size = 20 << 20
	cs := scan.DefaultChunkSize
	pass := "TESTEX_PASSPHRASE=Pa55w0rdPa55w0rd ;"
	cases := []struct {
		name      string
		off       int
		text      string
		valueAt   int // offset of the value in text
		wantValue string
	}{
		{"credential past the first chunk", 10 << 20, minCred, len("TESTEX_KEY='"), keyA},
		{"passphrase across the cut", cs - len("TESTEX_PASSPHRASE=Pa55w0"), pass, len("TESTEX_PASSPHRASE="), "Pa55w0rdPa55w0rd"},
	}
	s := &scan.Scanner{Rules: testSet(t)}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := minified(size, tc.off, tc.text)
			fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
				return s.Reader(bg, bytes.NewReader(data), "bundle.js", fn)
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 1 {
				logFindings(t, fs)
				t.Fatalf("%d findings, want 1", len(fs))
			}
			p := fs[0].Parts[0]
			if want := tc.off + tc.valueAt + 1; p.Line != 1 || p.Column != want {
				t.Errorf("%s at %d:%d, want 1:%d", p.RuleID, p.Line, p.Column, want)
			}
			if p.Value != tc.wantValue {
				t.Errorf("value %q, want %q", p.Value, tc.wantValue)
			}
		})
	}
}

// ---- 10. Directory scans: special files, races, loops ------------------

// TestHostileDirFIFO: a named pipe in the tree is not a regular file: it
// is skipped (never opened, which would block with no writer), the rest is
// scanned.
func TestHostileDirFIFO(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "a.env", cred(keyA, secretA))
	fifo := filepath.Join(root, "sub", "pipe.env")
	os.MkdirAll(filepath.Dir(fifo), 0o755)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	writeFile(t, root, "sub/z.env", cred(keyB, secretB))
	s := &scan.Scanner{Rules: testSet(t)}
	var fs []scan.Finding
	var st scan.Stats
	var err error
	unblock := func() { // a hung open(2) on the FIFO returns once a writer comes
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	}
	runBounded(t, 10*time.Second, unblock, func() {
		fs, st, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, root, scan.DirOptions{}, fn) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths(fs), ","); got != "a.env,sub/z.env" || st.Files != 2 {
		t.Errorf("paths %s (%d files), want a.env,sub/z.env and the FIFO skipped", got, st.Files)
	}
}

// TestHostileDirFIFORoot: a FIFO given as the root is read like a file
// (as `scan <(cmd)` gives /dev/fd/N, a pipe), when it has a writer.
func TestHostileDirFIFORoot(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.WriteString(cred(keyA, secretA))
		w.Close()
	}()
	s := &scan.Scanner{Rules: testSet(t)}
	var fs []scan.Finding
	var err error
	runBounded(t, 10*time.Second, nil, func() {
		fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, fifo, scan.DirOptions{}, fn) })
	})
	if err != nil || len(fs) != 1 || fs[0].Locations[0].Path != "pipe" {
		t.Errorf("FIFO root: %d findings, %v", len(fs), err)
	}
}

// TestHostileDirVanishing: a file listed by the walk but deleted before
// it is opened, and a directory deleted before it is read, are reported
// (path and fs.ErrNotExist); everything else is scanned.
func TestHostileDirVanishing(t *testing.T) {
	root := t.TempDir()
	for i := 0; i < 1500; i++ {
		writeFile(t, root, fmt.Sprintf("a/f%04d.txt", i), "nothing here\n")
	}
	writeFile(t, root, "a/zz-vanish.env", cred(keyB, secretB))
	writeFile(t, root, "a/zzz-gone/x.env", cred(keyC, secretC))
	writeFile(t, root, "c/keep.env", cred(keyA, secretA))
	s := &scan.Scanner{Rules: testSet(t)}
	// Progress runs on the walking goroutine after the 1000th file: the
	// walk has listed a/ already but not reached a/zz-vanish.env or
	// a/zzz-gone/.
	deleted := false
	s.Progress = func(p scan.Progress) {
		if p.Phase == "files" && !deleted {
			deleted = true
			os.Remove(filepath.Join(root, "a", "zz-vanish.env"))
			os.RemoveAll(filepath.Join(root, "a", "zzz-gone"))
		}
	}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, root, scan.DirOptions{}, fn) })
	if !deleted {
		t.Fatal("Progress was not called: the race was not provoked")
	}
	t.Logf("error: %v", err)
	if !hasProblem(err, "a/zz-vanish.env", "", iofs.ErrNotExist) {
		t.Errorf("the vanished file is not reported with its path and fs.ErrNotExist: %v", err)
	}
	if !hasProblem(err, "a/zzz-gone", "", iofs.ErrNotExist) {
		t.Errorf("the vanished directory is not reported with its path and fs.ErrNotExist: %v", err)
	}
	if len(fs) != 1 || fs[0].Parts[0].Value != keyA || st.Files != 1501 {
		logFindings(t, fs)
		t.Errorf("%d findings (%d files), want c/keep.env's over 1501 files", len(fs), st.Files)
	}
}

// TestHostileDirSymlinkLoops: symbolic links that loop (to the directory
// itself, to a parent, to each other) are not followed: the walk ends and
// each file is scanned once.
func TestHostileDirSymlinkLoops(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "a/b/key.env", cred(keyA, secretA))
	for link, target := range map[string]string{
		"a/b/up":   "..",
		"a/b/root": root,
		"a/self":   ".",
		"loop1":    "loop2",
		"loop2":    "loop1",
	} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	var fs []scan.Finding
	var st scan.Stats
	var err error
	runBounded(t, 10*time.Second, nil, func() {
		fs, st, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, root, scan.DirOptions{}, fn) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths(fs), ","); got != "a/b/key.env" || st.Files != 1 {
		t.Errorf("paths %s over %d files, want a/b/key.env once", got, st.Files)
	}
}

// TestHostileDirRootSymlink: the root given is a symbolic link to a
// directory (`keyhound scan ~/link-to-project`): the user named it, so it
// is followed (as a symlink to a file given as root already is), and its
// content scanned; links inside are still not followed.
func TestHostileDirRootSymlink(t *testing.T) {
	// was a bug: scan/dir.go Dir os.Stat()s the root (following the link: a directory), but walkDir calls filepath.WalkDir(root), which Lstat()s it, sees a symlink, calls the callback once with a non-directory entry and stops: nothing is scanned and no error is returned — a silent skip of the whole tree. (A symlink to a file as root is scanned, since handle() opens it.) Expected: resolve the root (filepath.EvalSymlinks, or walk root+\"/\") before walking, keeping paths relative to it.")
	real := t.TempDir()
	writeFile(t, real, "proj/key.env", cred(keyA, secretA))
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(real, "proj"), link); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, link, scan.DirOptions{}, fn) })
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths(fs), ","); got != "key.env" || st.Files != 1 {
		t.Errorf("scan of a symlinked root: paths %q over %d files, want key.env", got, st.Files)
	}
}

// ---- 11. Cancellation ---------------------------------------------------

// chainRepo builds a linear history of n commits, each changing one file,
// as one pack.
func chainRepo(t *testing.T, n int) (dir string, r *git.Repository, tip plumbing.Hash) {
	mem := memory.NewStorage()
	b := &objBuilder{t: t, s: mem}
	keep := b.blob(cred(keyA, secretA))
	var parent []plumbing.Hash
	for i := 0; i < n; i++ {
		tree := b.tree(map[string]entry{"a.env": file(keep), fmt.Sprintf("d%02d/f.txt", i%50): file(b.blob(fmt.Sprintf("rev %d\n", i)))})
		tip = b.commit(tree, fmt.Sprintf("c%d", i), parent...)
		parent = []plumbing.Hash{tip}
	}
	var hs []plumbing.Hash
	for h := range mem.ObjectStorage.Objects {
		hs = append(hs, h)
	}
	dir = t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	writePack(t, r, mem, hs, nil)
	setBranch(t, r, "master", tip)
	return dir, r, tip
}

// TestHostileCancel cancels each kind of scan in the middle (from its
// Progress callback, or a timer for streams) and with a context cancelled
// beforehand: each returns context.Canceled promptly and leaves no
// goroutine behind.
func TestHostileCancel(t *testing.T) {
	blobsDir, _, _ := manyBlobsRepo(t, 6000)   // Progress every 2000 blobs
	chainDir, chain, tip := chainRepo(t, 1200) // Progress every 1000 commits
	treeDir := t.TempDir()
	for i := 0; i < 1500; i++ { // Progress every 1000 files
		writeFile(t, treeDir, fmt.Sprintf("d%02d/f%04d.txt", i%30, i), "nothing\n")
	}
	stagedDir, stagedRepo, sb := bareRepo(t)
	staged := &index.Index{Version: 2}
	for i := 0; i < 50; i++ {
		staged.Entries = append(staged.Entries, &index.Entry{Name: fmt.Sprintf("s/f%02d.env", i), Hash: sb.blob(cred(keyA, secretA)), Mode: filemode.Regular})
	}
	if err := stagedRepo.Storer.SetIndex(staged); err != nil {
		t.Fatal(err)
	}

	type run func(s *scan.Scanner, ctx context.Context) error
	noop := func(scan.Finding) {}
	cases := []struct {
		name  string
		phase string // Progress phase that cancels; "" = a timer (or pre-cancelled only)
		scan  run
	}{
		{"history blobs", "blobs", func(s *scan.Scanner, ctx context.Context) error {
			_, err := s.History(ctx, blobsDir, noop)
			return err
		}},
		{"history provenance", "provenance", func(s *scan.Scanner, ctx context.Context) error {
			_, err := s.History(ctx, chainDir, noop)
			return err
		}},
		{"range", "provenance", func(s *scan.Scanner, ctx context.Context) error {
			_, err := s.HistoryRange(ctx, chain, []string{tip.String()}, nil, noop)
			return err
		}},
		{"dir", "files", func(s *scan.Scanner, ctx context.Context) error {
			_, err := s.Dir(ctx, treeDir, scan.DirOptions{}, noop)
			return err
		}},
		{"reader", "", func(s *scan.Scanner, ctx context.Context) error {
			_, err := s.Reader(ctx, &endless{}, "stdin", noop)
			return err
		}},
		{"staged", "-", func(s *scan.Scanner, ctx context.Context) error {
			_, err := s.Staged(ctx, stagedDir, noop)
			return err
		}},
	}
	for _, tc := range cases {
		if tc.phase != "-" {
			t.Run(tc.name+" mid-scan", func(t *testing.T) {
				before := runtime.NumGoroutine()
				ctx, cancel := context.WithCancel(bg)
				defer cancel()
				var cancelled time.Time
				var once bool
				s := &scan.Scanner{Rules: testSet(t)}
				if tc.phase != "" {
					s.Progress = func(p scan.Progress) {
						if p.Phase == tc.phase && !once {
							once = true
							cancelled = time.Now()
							cancel()
						}
					}
				} else {
					cancelled = time.Now().Add(50 * time.Millisecond)
					tm := time.AfterFunc(50*time.Millisecond, cancel)
					defer tm.Stop()
				}
				var err error
				runBounded(t, 30*time.Second, cancel, func() { err = tc.scan(s, ctx) })
				if tc.phase != "" && !once {
					t.Fatalf("no %q progress: the scan finished before it could be cancelled (%v)", tc.phase, err)
				}
				lag := time.Since(cancelled)
				t.Logf("returned %v after the cancel: %v", lag.Round(time.Millisecond), err)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("error %v, want context.Canceled", err)
				}
				// One chunk (8 MiB) is matched between checks of the context:
				// milliseconds, but the race detector slows matching ~30x.
				limit := 2 * time.Second
				if raceEnabled {
					limit = 10 * time.Second
				}
				if lag > limit {
					t.Errorf("returned %v after the cancel, want < %v", lag, limit)
				}
				noLeak(t, before)
			})
		}
		t.Run(tc.name+" pre-cancelled", func(t *testing.T) {
			before := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(bg)
			cancel()
			s := &scan.Scanner{Rules: testSet(t)}
			start := time.Now()
			var err error
			runBounded(t, 30*time.Second, nil, func() { err = tc.scan(s, ctx) })
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v with a cancelled context", d)
			}
			noLeak(t, before)
		})
	}
}

// endless is a stream of text lines that never ends.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "endless text\n"[(e.n+i)%13]
	}
	e.n += len(p)
	return len(p), nil
}
