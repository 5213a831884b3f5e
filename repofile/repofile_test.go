package repofile_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/keyhound/keyhound/repofile"
)

// tree builds a directory holding every kind of entry a hostile
// repository can commit or a hostile checkout can hold.
func tree(t *testing.T) string {
	t.Helper()
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	if err := os.WriteFile(secret, []byte("OUTSIDE-SECRET=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(root, "ok.toml"), []byte("title = \"ok\"\n"), 0o644))
	must(os.WriteFile(filepath.Join(root, "big"), make([]byte, 2048), 0o644))
	must(os.MkdirAll(filepath.Join(root, "sub", "deeper"), 0o755))
	must(os.WriteFile(filepath.Join(root, "sub", "deeper", "f"), []byte("inside"), 0o644))
	must(os.Symlink(secret, filepath.Join(root, "abs-link")))
	must(os.Symlink("ok.toml", filepath.Join(root, "rel-link")))
	must(os.Symlink("missing", filepath.Join(root, "dangling")))
	must(os.Symlink("/dev/zero", filepath.Join(root, "zero")))
	must(os.Symlink("/dev/stdin", filepath.Join(root, "stdin")))
	must(os.Symlink("/proc/self/environ", filepath.Join(root, "environ")))
	must(os.Symlink(outside, filepath.Join(root, "outdir")))
	must(os.Symlink("sub", filepath.Join(root, "subdir-link")))
	if runtime.GOOS != "windows" {
		must(syscall.Mkfifo(filepath.Join(root, "fifo"), 0o644))
	}
	return root
}

func TestReadFile(t *testing.T) {
	root := tree(t)
	tests := []struct {
		name string
		want error // nil: read succeeds
	}{
		{"ok.toml", nil},
		{"sub/deeper/f", nil},
		{"subdir-link/deeper/f", nil}, // a link inside the root, not the file itself
		{"missing", fs.ErrNotExist},
		{"abs-link", repofile.ErrSymlink},
		{"rel-link", repofile.ErrSymlink},
		{"dangling", repofile.ErrSymlink},
		{"zero", repofile.ErrSymlink},
		{"stdin", repofile.ErrSymlink},
		{"environ", repofile.ErrSymlink},
		{"outdir/secret.txt", repofile.ErrOutside},
		{"../secret.txt", repofile.ErrOutside},
		{"sub/../../x", repofile.ErrOutside},
		{"/etc/passwd", repofile.ErrOutside},
		{"", repofile.ErrOutside},
		{".", repofile.ErrOutside},
		{"sub", repofile.ErrNotRegular},
		{"big", repofile.ErrTooLarge},
		{"fifo", repofile.ErrNotRegular},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "fifo" && runtime.GOOS == "windows" {
				t.Skip("no FIFOs on Windows")
			}
			data, err := readWithin(t, root, tt.name, 1024)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("ReadFile(%q): %v", tt.name, err)
				}
				if len(data) == 0 {
					t.Fatalf("ReadFile(%q): empty", tt.name)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("ReadFile(%q) = %q, %v; want %v", tt.name, data, err, tt.want)
			}
			var re *repofile.Error
			if !errors.As(err, &re) || re.Name != tt.name {
				t.Fatalf("error %v is not a *repofile.Error naming %q", err, tt.name)
			}
			if strings.Contains(err.Error(), "OUTSIDE-SECRET") || strings.Contains(err.Error(), "PATH=") {
				t.Fatalf("error quotes content: %v", err)
			}
		})
	}
}

// readWithin fails the test instead of hanging when a read blocks (a
// FIFO opened for reading waits for a writer unless opened without
// blocking).
func readWithin(t *testing.T, root, name string, max int64) ([]byte, error) {
	t.Helper()
	type res struct {
		data []byte
		err  error
	}
	ch := make(chan res, 1)
	go func() {
		d, err := repofile.ReadFile(root, name, max)
		ch <- res{d, err}
	}()
	select {
	case r := <-ch:
		return r.data, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("ReadFile(%q) blocked", name)
		return nil, nil
	}
}

func TestFS(t *testing.T) {
	root := tree(t)
	fsys := repofile.FS(root, 1024)
	data, err := fs.ReadFile(fsys, "ok.toml")
	if err != nil || string(data) != "title = \"ok\"\n" {
		t.Fatalf("fs.ReadFile = %q, %v", data, err)
	}
	f, err := fsys.Open("sub/deeper/f")
	if err != nil {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil || fi.Size() != 6 || fi.Name() != "f" || !fi.Mode().IsRegular() {
		t.Fatalf("Stat = %v, %v", fi, err)
	}
	f.Close()
	for _, name := range []string{"environ", "../x", "fifo", "big"} {
		if name == "fifo" && runtime.GOOS == "windows" {
			continue
		}
		if _, err := fs.ReadFile(fsys, name); err == nil {
			t.Errorf("fs.ReadFile(%q) succeeded", name)
		}
	}
}

func TestDefaultCap(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "huge"), make([]byte, repofile.DefaultMaxSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := repofile.ReadFile(root, "huge", 0); !errors.Is(err, repofile.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestOpenRegular(t *testing.T) {
	root := tree(t)
	f, err := repofile.OpenRegular(filepath.Join(root, "ok.toml"))
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, name := range []string{"fifo", "zero", "rel-link", "sub", "missing"} {
		if name == "fifo" && runtime.GOOS == "windows" {
			continue
		}
		done := make(chan error, 1)
		go func() {
			f, err := repofile.OpenRegular(filepath.Join(root, name))
			if err == nil {
				f.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("OpenRegular(%q) succeeded", name)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("OpenRegular(%q) blocked", name)
		}
	}
}
