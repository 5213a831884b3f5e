package scan_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"

	"github.com/keyhound/keyhound/scan"
)

func TestStaged(t *testing.T) {
	g := newGitRepo(t)
	g.write("old.env", "# prod\n"+cred(keyA, secretA))
	g.write("app.py", "print(1)\n")
	g.commit("base")

	// Staged: an edit to a file that already held credential A (not new),
	// a new file with credential B. Unstaged: credential C in app.py.
	g.write("old.env", "# prod, rotated soon\n"+cred(keyA, secretA)+"# end\n")
	g.write("new/bot.env", cred(keyB, secretB))
	if err := os.WriteFile(filepath.Join(g.dir, "app.py"), []byte(cred(keyC, secretC)), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, g.dir, fn) })
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Parts[0].Value != keyB || fs[0].Locations[0].Path != "new/bot.env" || fs[0].InHead {
		t.Fatalf("staged findings %+v, want only credential B in new/bot.env", fs)
	}

	// A new credential added to a file that already had one is reported.
	g.write("old.env", cred(keyA, secretA)+"\n\n\n\n\n\n\n"+cred(keyC, secretC))
	fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, g.dir, fn) })
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range fs {
		got[f.Parts[0].Value] = true
	}
	if len(fs) != 2 || !got[keyB] || !got[keyC] {
		t.Errorf("after adding C to old.env: %+v", fs)
	}
}

// TestStagedInitialCommit: with no HEAD yet, everything staged is new.
func TestStagedInitialCommit(t *testing.T) {
	g := newGitRepo(t)
	g.write("first.env", cred(keyA, secretA))
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, g.dir, fn) })
	if err != nil || len(fs) != 1 {
		t.Fatalf("initial commit: %v %+v", err, fs)
	}
}

// TestStagedCacheTree uses real git, which keeps the index's cache-tree
// extension, and checks that skipping directories the cache-tree marks as
// unchanged finds exactly what a scan without the extension finds.
func TestStagedCacheTree(t *testing.T) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git binary not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(gitBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(rel, content string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	run("init", "-q")
	for i := 0; i < 20; i++ {
		write(filepath.Join("pkg", "mod"+string(rune('a'+i)), "x.py"), "x = 1\n")
	}
	write("old/keys.env", cred(keyA, secretA)) // committed long ago: not new
	run("add", "-A")
	run("commit", "-q", "-m", "base")
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Right after a commit the cache-tree is whole: nothing is staged.
	idx, err := r.Storer.Index()
	if err != nil {
		t.Fatal(err)
	}
	if idx.Cache == nil || len(idx.Cache.Entries) < 20 {
		t.Fatalf("git wrote no whole cache-tree after commit: %+v", idx.Cache)
	}
	write("pkg/modc/x.py", "x = 2\n"+cred(keyB, secretB)) // staged change with a new key
	write("new/bot.env", cred(keyC, secretC))             // new file
	run("add", "pkg/modc/x.py", "new/bot.env")
	if idx, err = r.Storer.Index(); err != nil {
		t.Fatal(err)
	}
	s := &scan.Scanner{Rules: testSet(t)}
	scanStaged := func() []string {
		var got []string
		if _, err := s.StagedRepo(bg, r, func(f scan.Finding) {
			got = append(got, f.Locations[0].Path+"="+f.Parts[0].Value)
		}); err != nil {
			t.Fatal(err)
		}
		sort.Strings(got)
		return got
	}
	with := scanStaged()
	want := []string{"new/bot.env=" + keyC, "pkg/modc/x.py=" + keyB}
	if strings.Join(with, ",") != strings.Join(want, ",") {
		t.Errorf("with cache-tree: %v, want %v", with, want)
	}
	idx.Cache = nil
	if err := r.Storer.SetIndex(idx); err != nil {
		t.Fatal(err)
	}
	if without := scanStaged(); strings.Join(without, ",") != strings.Join(with, ",") {
		t.Errorf("without cache-tree: %v, with: %v", without, with)
	}
}

// TestStagedNothingStaged: with a whole cache-tree equal to HEAD, nothing
// is read and nothing reported, even though HEAD holds a credential.
func TestStagedNothingStaged(t *testing.T) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git binary not installed")
	}
	dir := t.TempDir()
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "m"}} {
		if args[0] == "add" {
			os.MkdirAll(filepath.Join(dir, "cfg"), 0o755)
			os.WriteFile(filepath.Join(dir, "cfg", "k.env"), []byte(cred(keyA, secretA)), 0o644)
		}
		cmd := exec.Command(gitBin, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, dir, fn) })
	if err != nil || len(fs) != 0 || st.Files != 0 {
		t.Errorf("nothing staged: %v, %d findings, %d files read", err, len(fs), st.Files)
	}
}
