package scan_test

import (
	"os"
	"path/filepath"
	"testing"

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
