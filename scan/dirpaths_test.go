package scan_test

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

// TestDirPaths: DirOptions.Paths limits a directory scan to the files
// and directories named (what pre-commit passes a hook), with locations
// relative to the root and .gitignore applied as for the whole tree.
func TestDirPaths(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "a/one.env", cred(keyA, secretA))
	writeFile(t, root, "a/two.env", cred(keyB, secretB))
	writeFile(t, root, "b/deep/three.env", cred(keyC, secretC))
	writeFile(t, root, "b/deep/out.log", cred(keyA, secretA))            // .gitignore'd, not secret-bearing
	writeFile(t, root, "ab/four.env", cred(keyA, secretA))               // shares a prefix with "a", not a path under it
	writeFile(t, root, "node_modules/pkg/keys.txt", cred(keyB, secretB)) // an ignored dependency directory
	writeFile(t, root, ".gitignore", "*.log\nnode_modules/\n")
	if runtime.GOOS != "windows" {
		if err := os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "link")); err != nil {
			t.Fatal(err)
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	run := func(paths ...string) ([]string, scan.Stats, error) {
		fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return s.Dir(bg, root, scan.DirOptions{Paths: paths}, fn)
		})
		return pathsSorted(fs), st, err
	}
	cases := []struct {
		name  string
		paths []string
		want  string
		files int64
	}{
		{"one file", []string{"a/one.env"}, "a/one.env", 1},
		{"two files", []string{"a/two.env", "b/deep/three.env"}, "a/two.env,b/deep/three.env", 2},
		{"a directory", []string{"b"}, "b/deep/three.env", 1},
		{"a directory, not its prefix siblings", []string{"a"}, "a/one.env,a/two.env", 2},
		{"OS separators and dots", []string{filepath.Join(".", "a", "..", "a", "one.env")}, "a/one.env", 1},
		{"absolute", []string{filepath.Join(root, "ab", "four.env")}, "ab/four.env", 1},
		{"the root itself", []string{"."}, "a/one.env,a/two.env,ab/four.env,b/deep/three.env", 5},
		{"a file .gitignore excludes, named", []string{"b/deep/out.log"}, "b/deep/out.log", 1},
		{"a file .gitignore excludes, in a directory named", []string{"b/deep"}, "b/deep/three.env", 1},
		{"a file named in an ignored dependency directory", []string{"node_modules/pkg/keys.txt"}, "node_modules/pkg/keys.txt", 1},
		{"an ignored dependency directory named", []string{"node_modules"}, "", 0},
	}
	if runtime.GOOS != "windows" {
		cases = append(cases, struct {
			name  string
			paths []string
			want  string
			files int64
		}{"a path through a symbolic link is not followed", []string{"link/one.env"}, "", 0})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, st, err := run(c.paths...)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, ",") != c.want || st.Files != c.files {
				t.Errorf("Paths %q: found at %q in %d files, want %q in %d", c.paths, got, st.Files, c.want, c.files)
			}
		})
	}

	for _, bad := range [][]string{{"missing.env"}, {"../outside.env"}, {filepath.Dir(root)}, {"a/one.env", "nope/x"}} {
		if got, _, err := run(bad...); err == nil {
			t.Errorf("Paths %q: no error (found %q)", bad, got)
		}
	}
	if _, err := s.Dir(bg, filepath.Join(root, "a", "one.env"), scan.DirOptions{Paths: []string{"x"}}, func(scan.Finding) {}); err == nil {
		t.Error("Paths under a file root: no error")
	}
}

func pathsSorted(fs []scan.Finding) []string {
	out := paths(fs)
	sort.Strings(out)
	return out
}
