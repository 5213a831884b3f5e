//go:build unix

package scan_test

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/keyhound/keyhound/repofile"
	"github.com/keyhound/keyhound/scan"
)

// TestDirHostileGitignore: a .gitignore the scanned tree supplies can be a
// symbolic link to /dev/zero (an endless read), to /dev/stdin or a pipe
// (a read that never ends), or a FIFO (an open that never returns). Each
// is refused without reading it, reported as a problem naming the file,
// and the directory's files are still scanned: refusing an ignore file
// never hides files. The scan runs under a deadline so a hang fails the
// test instead of stalling it.
func TestDirHostileGitignore(t *testing.T) {
	tests := []struct {
		name   string
		reason error
		// plant puts the hostile .gitignore at path and returns what
		// releases a reader stuck on it (for the failing case).
		plant func(t *testing.T, path string) (release func())
	}{
		{"symlink to dev zero", repofile.ErrSymlink, func(t *testing.T, p string) func() {
			return symlink(t, "/dev/zero", p)
		}},
		{"symlink to dev stdin", repofile.ErrSymlink, func(t *testing.T, p string) func() {
			return symlink(t, "/dev/stdin", p)
		}},
		{"symlink to an open pipe", repofile.ErrSymlink, func(t *testing.T, p string) func() {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close() })
			symlink(t, fmt.Sprintf("/dev/fd/%d", r.Fd()), p)
			return func() { w.Close() }
		}},
		{"FIFO", repofile.ErrNotRegular, func(t *testing.T, p string) func() {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			return func() {
				// Opening the write end releases a reader blocked in open.
				if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "top.env", cred(keyA, secretA))
			writeFile(t, root, "sub/app.env", cred(keyB, secretB))
			writeFile(t, root, ".gitignore", "*.log\n")
			release := tt.plant(t, filepath.Join(root, "sub", ".gitignore"))
			s := &scan.Scanner{Rules: testSet(t)}
			type result struct {
				fs  []scan.Finding
				err error
			}
			done := make(chan result, 1)
			go func() {
				var out []scan.Finding
				_, err := s.Dir(bg, root, scan.DirOptions{}, func(f scan.Finding) { out = append(out, f) })
				done <- result{out, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(20 * time.Second):
				release()
				t.Fatal("the scan hung on a hostile .gitignore")
			}
			if !hasProblem(r.err, "sub/.gitignore", "", tt.reason) {
				t.Errorf("want a problem about sub/.gitignore (%v), got %v", tt.reason, r.err)
			}
			got := map[string]bool{}
			for _, p := range paths(r.fs) {
				got[p] = true
			}
			if !got["top.env"] || !got["sub/app.env"] {
				t.Errorf("files hidden by a refused .gitignore: found at %v, want top.env and sub/app.env", paths(r.fs))
			}
		})
	}
}

func symlink(t *testing.T, target, link string) func() {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	return func() {}
}
