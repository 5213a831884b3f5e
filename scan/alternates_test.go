package scan_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

// sharedClone makes a repository whose history holds credential A (added,
// then removed) and credential B (still in HEAD), and a `git clone
// --shared` of it: the clone holds no objects of its own, only
// objects/info/alternates naming the source's object directory.
func sharedClone(t *testing.T) (src *gitRepo, clone, first string) {
	t.Helper()
	needGit(t)
	src = newGitRepo(t)
	src.write("config/old.env", cred(keyA, secretA))
	first = src.commit("add A")
	src.remove("config/old.env")
	src.write("README", "hello\n")
	src.commit("remove A")
	src.write("app.env", cred(keyB, secretB))
	src.commit("add B")
	clone = filepath.Join(t.TempDir(), "clone")
	runGit(t, filepath.Dir(clone), "clone", "-q", "--shared", src.dir, clone)
	if _, err := os.Stat(filepath.Join(clone, ".git", "objects", "info", "alternates")); err != nil {
		t.Fatalf("git clone --shared wrote no alternates: %v", err)
	}
	return src, clone, first
}

// TestAlternatesSharedClone: history, range and staged scans of a `git
// clone --shared` read the objects its alternates name, as git does,
// with absolute and relative alternates paths.
func TestAlternatesSharedClone(t *testing.T) {
	src, clone, first := sharedClone(t)
	altFile := filepath.Join(clone, ".git", "objects", "info", "alternates")
	rel, err := filepath.Rel(filepath.Join(clone, ".git", "objects"), filepath.Join(src.dir, ".git", "objects"))
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []struct{ name, content string }{
		{"absolute", filepath.Join(src.dir, ".git", "objects") + "\n"},
		{"relative", "# a comment\n\n" + rel + "\n"},
	} {
		t.Run(form.name, func(t *testing.T) {
			if err := os.WriteFile(altFile, []byte(form.content), 0o644); err != nil {
				t.Fatal(err)
			}
			s := &scan.Scanner{Rules: testSet(t)}

			fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, clone, fn) })
			if err != nil {
				t.Fatalf("history: %v", err)
			}
			got := foundByKey(fs)
			if got[keyA] != "config/old.env" || got[keyB] != "app.env" || st.Commits != 3 {
				t.Errorf("history: found %v over %d commits, want A at config/old.env and B at app.env over 3", got, st.Commits)
			}
			for _, f := range fs {
				if f.Parts[0].Value == keyA && (len(f.Locations) != 1 || f.Locations[0].Commit != first) {
					t.Errorf("history: A attributed to %+v, want commit %s", f.Locations, first)
				}
			}

			repo, err := scan.OpenRepository(clone)
			if err != nil {
				t.Fatal(err)
			}
			fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
				return s.HistoryRange(bg, repo, []string{"HEAD"}, []string{first[:10]}, fn)
			})
			if err != nil {
				t.Fatalf("range: %v", err)
			}
			if got := foundByKey(fs); len(got) != 1 || got[keyB] != "app.env" {
				t.Errorf("range %s..HEAD: found %v, want B at app.env", first[:10], got)
			}

			// Stage an edit of app.env (HEAD's version is in the
			// alternate) that adds credential C: only C is new.
			writeFile(t, clone, "app.env", cred(keyB, secretB)+cred(keyC, secretC))
			runGit(t, clone, "add", "app.env")
			fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Staged(bg, clone, fn) })
			if err != nil {
				t.Fatalf("staged: %v", err)
			}
			if got := foundByKey(fs); len(got) != 1 || got[keyC] != "app.env" {
				t.Errorf("staged: found %v, want only C at app.env", got)
			}
			runGit(t, clone, "reset", "-q", "--hard")
		})
	}
}

// TestAlternatesHostile: alternates that form a cycle, chain deeper than
// git allows, name a missing directory or are a FIFO neither loop, crash
// nor hang; what cannot be used is reported, and the objects that can be
// reached are scanned.
func TestAlternatesHostile(t *testing.T) {
	src, clone, _ := sharedClone(t)
	srcObjects := filepath.Join(src.dir, ".git", "objects")
	cloneObjects := filepath.Join(clone, ".git", "objects")
	s := &scan.Scanner{Rules: testSet(t)}

	t.Run("cycle", func(t *testing.T) {
		// The source names the clone back: clone -> source -> clone.
		writeFile(t, srcObjects, "info/alternates", cloneObjects+"\n"+srcObjects+"\n")
		defer os.Remove(filepath.Join(srcObjects, "info", "alternates"))
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, clone, fn) })
		if err != nil {
			t.Fatalf("history: %v", err)
		}
		if got := foundByKey(fs); len(got) != 2 {
			t.Errorf("found %v, want A and B", got)
		}
	})
	t.Run("missing directory", func(t *testing.T) {
		altFile := filepath.Join(cloneObjects, "info", "alternates")
		orig, _ := os.ReadFile(altFile)
		defer os.WriteFile(altFile, orig, 0o644)
		writeFile(t, cloneObjects, "info/alternates", "/nonexistent/objects\n"+string(orig))
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, clone, fn) })
		if !hasProblem(err, "*", "", nil) || !strings.Contains(err.Error(), "/nonexistent/objects") {
			t.Errorf("want a problem naming the missing alternate, got %v", err)
		}
		if got := foundByKey(fs); len(got) != 2 {
			t.Errorf("found %v, want A and B from the alternate that exists", got)
		}
	})
	t.Run("too deep", func(t *testing.T) {
		// clone -> d1 -> d2 -> ... -> d7 -> source: deeper than git's 5.
		altFile := filepath.Join(cloneObjects, "info", "alternates")
		orig, _ := os.ReadFile(altFile)
		defer os.WriteFile(altFile, orig, 0o644)
		next := srcObjects
		for i := 7; i >= 1; i-- {
			d := filepath.Join(t.TempDir(), "objects")
			writeFile(t, d, "info/alternates", next+"\n")
			next = d
		}
		writeFile(t, cloneObjects, "info/alternates", next+"\n")
		_, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.History(bg, clone, fn) })
		if err == nil || !strings.Contains(err.Error(), "too deep") {
			t.Errorf("want a problem about alternates nested too deep, got %v", err)
		}
	})
}
