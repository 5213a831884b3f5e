package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestScanPaths: keyhound scan PATH... (what pre-commit passes a hook)
// scans only the paths given, as one scan of the repository holding
// them: locations and ignore entries relative to its root, its
// configuration, one report and one exit code.
func TestScanPaths(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil { // a work tree top for WorkTreeTop
		t.Fatal(err)
	}
	write(t, dir, "svc/a.env", envText)
	write(t, dir, "svc/b.env", "DEBUG=1\n")
	write(t, dir, "other/c.env", envText)
	write(t, dir, "docs/readme.md", "nothing\n")
	write(t, dir, ".gitignore", "*.log\n")
	write(t, dir, "logs/run.log", envText)
	sub := filepath.Join(dir, "svc")
	cases := []struct {
		name string
		cwd  string
		args []string
		code int
		want []string // in the output
		not  []string // not in it
	}{
		{"several files, one with a credential", dir, []string{"scan", "svc/b.env", "svc/a.env", "docs/readme.md"}, 1, []string{"svc/a.env:1"}, []string{"other/c.env"}},
		{"several clean files", dir, []string{"scan", "svc/b.env", "docs/readme.md"}, 0, []string{"no exchange credentials found"}, nil},
		{"one file in a subdirectory, named from the root", dir, []string{"scan", "other/c.env"}, 1, []string{"other/c.env:1"}, []string{"svc/a.env"}},
		{"files named from a subdirectory", sub, []string{"scan", "a.env", "b.env"}, 1, []string{"svc/a.env:1"}, []string{"other/c.env"}},
		{"a file and a directory", dir, []string{"scan", "docs/readme.md", "other"}, 1, []string{"other/c.env:1"}, []string{"svc/a.env"}},
		{"a file .gitignore excludes, named", dir, []string{"scan", "logs/run.log", "svc/b.env"}, 1, []string{"logs/run.log:1"}, nil},
		{"a directory: .gitignore applies", dir, []string{"scan", "logs", "svc/b.env"}, 0, []string{"no exchange credentials found"}, nil},
		{"a missing path", dir, []string{"scan", "svc/a.env", "nope.env"}, 2, []string{"nope.env"}, nil},
		{"standard input among paths", dir, []string{"scan", "svc/a.env", "-"}, 2, []string{"standard input"}, nil},
		{"--history with files", dir, []string{"scan", "--history", "svc/a.env", "svc/b.env"}, 2, []string{"--history"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := keyhound(t, c.cwd, "", c.args...)
			out := r.stdout + r.stderr
			if r.code != c.code {
				t.Errorf("%v: exit %d, want %d\n%s", c.args, r.code, c.code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("%v: output lacks %q\n%s", c.args, w, out)
				}
			}
			for _, n := range c.not {
				if strings.Contains(out, n) {
					t.Errorf("%v: output has %q\n%s", c.args, n, out)
				}
			}
		})
	}

	// A symbolic link named alone is followed, as a single root always was.
	if runtime.GOOS != "windows" {
		if err := os.Symlink(filepath.Join(dir, "svc", "a.env"), filepath.Join(dir, "link.env")); err != nil {
			t.Fatal(err)
		}
		if r := keyhound(t, dir, "", "scan", "link.env"); r.code != 1 {
			t.Errorf("scan link.env: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	}

	// The repository's ignore file applies with paths relative to its
	// root, whatever directory the paths are named from.
	write(t, dir, ".keyhoundignore", "svc/a.env:binance:1\n")
	for _, cwd := range []string{dir, sub} {
		args := []string{"scan", "svc/a.env", "svc/b.env"}
		if cwd == sub {
			args = []string{"scan", "a.env", "b.env"}
		}
		if r := keyhound(t, cwd, "", args...); r.code != 0 {
			t.Errorf("%v in %s, ignored by svc/a.env:binance:1: exit %d\n%s%s", args, cwd, r.code, r.stdout, r.stderr)
		}
	}
	if r := keyhound(t, dir, "", "scan", "other/c.env", "svc/b.env"); r.code != 1 {
		t.Errorf("the ignore entry for svc/a.env dropped other/c.env: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
