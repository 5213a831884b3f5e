package scan_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	git "github.com/go-git/go-git/v5"

	"github.com/keyhound/keyhound/scan"
)

type wantLoc struct{ commit, path string }

// buildHistory makes the acceptance scenario: several branches, a secret
// added then deleted, one secret copied into two files (and a third file
// holding it among other text), and a secret only on a non-HEAD branch.
func buildHistory(t *testing.T) (*gitRepo, map[string]string) {
	g := newGitRepo(t)
	c := map[string]string{}
	g.write("README.md", "# demo bot\n")
	g.write("config/.env", "# exchange\n"+cred(keyA, secretA))
	c["add-A"] = g.commit("add-A")
	g.remove("config/.env")
	g.write("app.py", "print('hello')\n")
	c["delete-A"] = g.commit("delete-A")
	g.write("settings.yaml", cred(keyB, secretB))
	g.write("backup/settings.yaml", cred(keyB, secretB))
	g.write("notes.txt", "old notes\nmore text\n"+cred(keyB, secretB)+"end\n")
	c["add-B"] = g.commit("add-B")
	g.checkout("feature", true)
	g.write("feature.env", cred(keyC, secretC))
	c["feature-C"] = g.commit("feature-C")
	g.checkout("master", false)
	g.write("app.py", "print('hello, world')\n")
	c["tip"] = g.commit("tip")
	return g, c
}

func TestHistoryScenario(t *testing.T) {
	g, c := buildHistory(t)
	s := &scan.Scanner{Rules: testSet(t)}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Commits != 5 {
		t.Errorf("walked %d commits, want 5", st.Commits)
	}
	want := []struct {
		key, secret string
		inHead      bool
		locs        []wantLoc
	}{
		{keyA, secretA, false, []wantLoc{{c["add-A"], "config/.env"}}},
		{keyB, secretB, true, []wantLoc{{c["add-B"], "backup/settings.yaml"}, {c["add-B"], "notes.txt"}, {c["add-B"], "settings.yaml"}}},
		{keyC, secretC, false, []wantLoc{{c["feature-C"], "feature.env"}}},
	}
	if len(fs) != len(want) {
		for _, f := range fs {
			t.Logf("finding %s %v %+v", f.RuleID, f.Parts, f.Locations)
		}
		t.Fatalf("got %d findings, want %d", len(fs), len(want))
	}
	for i, w := range want {
		f := fs[i]
		if f.RuleID != "testex" || f.Exchange != "testex" || f.Verify != "testex" {
			t.Errorf("finding %d: rule %q exchange %q verify %q", i, f.RuleID, f.Exchange, f.Verify)
		}
		if !f.Complete || len(f.Parts) != 2 || f.Parts[0].Value != w.key || f.Parts[1].Value != w.secret {
			t.Errorf("finding %d: parts %+v, want key %s secret %s", i, f.Parts, w.key, w.secret)
		}
		if f.InHead != w.inHead {
			t.Errorf("finding %d: InHead %v, want %v", i, f.InHead, w.inHead)
		}
		var got []wantLoc
		for _, l := range f.Locations {
			got = append(got, wantLoc{l.Commit, l.Path})
			if l.Author != "Dev "+commitName(c, l.Commit) || l.Date.IsZero() || l.Blob == "" {
				t.Errorf("finding %d location %s: author %q date %v blob %q", i, l.Path, l.Author, l.Date, l.Blob)
			}
		}
		sort.Slice(got, func(a, b int) bool { return got[a].path < got[b].path })
		if !reflect.DeepEqual(got, w.locs) {
			t.Errorf("finding %d: locations %v, want %v", i, got, w.locs)
		}
	}
	// The line is that of the key in each file.
	for _, l := range fs[1].Locations {
		wantLine := 1
		if l.Path == "notes.txt" {
			wantLine = 3
		}
		if l.Line != wantLine {
			t.Errorf("%s: line %d, want %d", l.Path, l.Line, wantLine)
		}
	}
	// Deterministic: a second scan gives the same findings.
	again, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil || !reflect.DeepEqual(fingerprints(fs), fingerprints(again)) {
		t.Errorf("second scan differs: %v vs %v (%v)", fingerprints(fs), fingerprints(again), err)
	}
}

func commitName(c map[string]string, h string) string {
	for k, v := range c {
		if v == h {
			return k
		}
	}
	return "?"
}

func fingerprints(fs []scan.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Fingerprint)
	}
	return out
}

// TestHistoryWithoutGitBinary proves the history scan needs no git
// executable: PATH is emptied for the whole scan.
func TestHistoryWithoutGitBinary(t *testing.T) {
	g, _ := buildHistory(t)
	t.Setenv("PATH", "")
	if _, err := exec.LookPath("git"); err == nil {
		t.Fatal("git is still reachable with an empty PATH")
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 3 {
		t.Fatalf("got %d findings without git on PATH, want 3", len(fs))
	}
}

// TestHistoryMissingObject deletes a loose blob: the scan reports the
// missing object as a problem and still returns the other findings.
func TestHistoryMissingObject(t *testing.T) {
	g := newGitRepo(t)
	g.write("keep.env", cred(keyA, secretA))
	g.write("lost.env", cred(keyB, secretB))
	g.commit("one")
	// Find and delete lost.env's blob.
	idx, err := g.repo.Storer.Index()
	if err != nil {
		t.Fatal(err)
	}
	var lost string
	for _, e := range idx.Entries {
		if e.Name == "lost.env" {
			lost = e.Hash.String()
		}
	}
	obj := filepath.Join(g.dir, ".git", "objects", lost[:2], lost[2:])
	if err := os.Remove(obj); err != nil {
		t.Fatal(err)
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	var errs *scan.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want *scan.Errors, got %v", err)
	}
	if !errors.Is(err, scan.ErrMissingObject) {
		t.Errorf("error does not wrap ErrMissingObject: %v", err)
	}
	if len(errs.Problems) != 1 || errs.Problems[0].Object != lost || errs.Problems[0].Path != "lost.env" {
		t.Errorf("problems %+v, want one for %s at lost.env", errs.Problems, lost)
	}
	if len(fs) != 1 || fs[0].Parts[0].Value != keyA {
		t.Errorf("partial results: got %d findings, want the one in keep.env", len(fs))
	}
}

func TestHistoryNotARepository(t *testing.T) {
	s := &scan.Scanner{Rules: testSet(t)}
	_, err := s.History(bg, t.TempDir(), func(scan.Finding) {})
	if err == nil {
		t.Fatal("no error for a directory that is not a repository")
	}
}

func TestHistoryCorruptObject(t *testing.T) {
	g := newGitRepo(t)
	g.write("a.env", cred(keyA, secretA))
	g.write("b.txt", "hello\n")
	g.commit("one")
	idx, _ := g.repo.Storer.Index()
	var h string
	for _, e := range idx.Entries {
		if e.Name == "b.txt" {
			h = e.Hash.String()
		}
	}
	obj := filepath.Join(g.dir, ".git", "objects", h[:2], h[2:])
	os.Chmod(obj, 0o644)
	if err := os.WriteFile(obj, []byte("this is not zlib"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err == nil {
		t.Fatal("a corrupt object gave no error")
	}
	if len(fs) != 1 {
		t.Errorf("partial results: got %d findings, want 1", len(fs))
	}
}

// TestHistoryPacked runs the scenario after packing every object, so blobs
// are read through the per-pack enumeration, and checks the result is the
// same as from loose objects.
func TestHistoryPacked(t *testing.T) {
	g, _ := buildHistory(t)
	s := &scan.Scanner{Rules: testSet(t)}
	loose, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil {
		t.Fatal(err)
	}
	if err := g.repo.RepackObjects(&git.RepackConfig{}); err != nil {
		t.Fatal(err)
	}
	packs, _ := filepath.Glob(filepath.Join(g.dir, ".git", "objects", "pack", "*.pack"))
	if len(packs) == 0 {
		t.Fatal("repack wrote no pack")
	}
	// Remove loose objects so only the pack is left.
	dirs, _ := filepath.Glob(filepath.Join(g.dir, ".git", "objects", "[0-9a-f][0-9a-f]"))
	for _, d := range dirs {
		os.RemoveAll(d)
	}
	packed, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, g.dir, fn) })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loose, packed) {
		t.Errorf("packed scan differs from loose scan:\n%+v\n%+v", packed, loose)
	}
}

// TestHistoryBareAndSubdirectory opens a bare clone (no .git entry, no
// config file, as repository snapshots often are) and a subdirectory of
// a work tree.
func TestHistoryBareAndSubdirectory(t *testing.T) {
	g, _ := buildHistory(t)
	s := &scan.Scanner{Rules: testSet(t)}
	bare := t.TempDir()
	if err := os.CopyFS(bare, os.DirFS(filepath.Join(g.dir, ".git"))); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(bare, "config"))
	os.Remove(filepath.Join(bare, "index"))
	for _, dir := range []string{bare, filepath.Join(g.dir, "backup")} {
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, dir, fn) })
		if err != nil || len(fs) != 3 {
			t.Errorf("%s: %d findings, %v", dir, len(fs), err)
		}
	}
}
