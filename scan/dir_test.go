package scan_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

func writeFile(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func paths(fs []scan.Finding) []string {
	var out []string
	for _, f := range fs {
		for _, l := range f.Locations {
			out = append(out, l.Path)
		}
	}
	return out
}

func TestDir(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "bot/.env", cred(keyA, secretA))
	writeFile(t, root, "bot/copy.env", cred(keyA, secretA))         // same credential again
	writeFile(t, root, "ignored/out.txt", cred(keyB, secretB))      // .gitignore'd directory, not a secret-bearing name
	writeFile(t, root, "logs/run.log", cred(keyB, secretB))         // .gitignore'd by pattern
	writeFile(t, root, ".git/config.env", cred(keyC, secretC))      // never scanned
	writeFile(t, root, "image.bin", "\x00\x01"+cred(keyC, secretC)) // binary
	writeFile(t, root, ".gitignore", "ignored/\n*.log\n")
	if runtime.GOOS != "windows" {
		if err := os.Symlink(filepath.Join(root, "bot/.env"), filepath.Join(root, "link.env")); err != nil {
			t.Fatal(err)
		}
	}
	s := &scan.Scanner{Rules: testSet(t)}
	fs, st, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(bg, root, scan.DirOptions{}, fn)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || strings.Join(paths(fs), ",") != "bot/.env,bot/copy.env" {
		t.Fatalf("got %d findings at %v, want one at bot/.env,bot/copy.env", len(fs), paths(fs))
	}
	if !fs[0].InHead || fs[0].Locations[0].Commit != "" {
		t.Errorf("directory finding: %+v", fs[0])
	}
	if st.SkippedBinary != 1 {
		t.Errorf("SkippedBinary = %d, want 1", st.SkippedBinary)
	}
	// --no-gitignore finds the ignored files too.
	fs, _, err = collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(bg, root, scan.DirOptions{NoGitignore: true}, fn)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paths(fs), ","); got != "bot/.env,bot/copy.env,ignored/out.txt,logs/run.log" {
		t.Errorf("NoGitignore: paths %s", got)
	}
}

func TestDirSingleFileAndMissing(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "one.env", cred(keyB, secretB))
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(bg, filepath.Join(root, "one.env"), scan.DirOptions{}, fn)
	})
	if err != nil || len(fs) != 1 || fs[0].Locations[0].Path != "one.env" {
		t.Fatalf("single file: %v %+v", err, fs)
	}
	if _, err := s.Dir(bg, filepath.Join(root, "nope"), scan.DirOptions{}, func(scan.Finding) {}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing root: %v", err)
	}
}

func TestDirUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads everything; permission errors cannot be provoked")
	}
	root := t.TempDir()
	writeFile(t, root, "ok.env", cred(keyA, secretA))
	writeFile(t, root, "locked/secret.env", cred(keyB, secretB))
	writeFile(t, root, "nope.env", cred(keyC, secretC))
	os.Chmod(filepath.Join(root, "locked"), 0)
	os.Chmod(filepath.Join(root, "nope.env"), 0)
	defer os.Chmod(filepath.Join(root, "locked"), 0o755)
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(bg, root, scan.DirOptions{}, fn)
	})
	var errs *scan.Errors
	if !errors.As(err, &errs) || len(errs.Problems) != 2 {
		t.Fatalf("want 2 problems, got %v", err)
	}
	if len(fs) != 1 {
		t.Errorf("partial results: %d findings, want 1", len(fs))
	}
}

// TestUnreadableAsRoot provokes a read error that even root gets: a
// directory where a file is expected to be readable content.
func TestReaderErrorIsReported(t *testing.T) {
	s := &scan.Scanner{Rules: testSet(t)}
	_, err := s.Reader(bg, errReader{}, "stdin", func(scan.Finding) {})
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("reader error not returned: %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

// TestChunkBoundaries: a credential straddling a chunk cut, and one right
// after it, are each found once, at the right line, with tiny chunks.
func TestChunkBoundaries(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 200; i++ {
		b.WriteString("filler line number padding padding padding\n")
	}
	b.WriteString(cred(keyA, secretA))
	for i := 0; i < 200; i++ {
		b.WriteString("more filler padding padding padding padding\n")
	}
	b.WriteString(cred(keyB, secretB))
	text := b.String()
	for _, chunk := range []int{512, 1000, 4096, 1 << 20} {
		s := &scan.Scanner{Rules: testSet(t), ChunkSize: chunk, Overlap: 256}
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return s.Bytes(bg, []byte(text), "big.txt", fn)
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 2 || !fs[0].Complete || !fs[1].Complete {
			t.Fatalf("chunk %d: got %d findings %+v, want 2 complete", chunk, len(fs), fs)
		}
		if fs[0].Locations[0].Line != 201 || fs[1].Locations[0].Line != 403 {
			t.Errorf("chunk %d: lines %d, %d, want 201, 403", chunk, fs[0].Locations[0].Line, fs[1].Locations[0].Line)
		}
	}
}

func TestIgnoreFile(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "a.env", cred(keyA, secretA))
	writeFile(t, root, "b.env", cred(keyB, secretB))
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, _ := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, root, scan.DirOptions{}, fn) })
	if len(fs) != 2 {
		t.Fatalf("setup: %d findings", len(fs))
	}
	ig := scan.NewIgnore()
	if err := ig.Read(strings.NewReader("# reviewed\n"+fs[0].Fingerprint+" # rotated 2024-05\nb.env:testex:1\n"), ".keyhoundignore"); err != nil {
		t.Fatal(err)
	}
	s.Ignore = ig
	fs2, _, _ := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) { return s.Dir(bg, root, scan.DirOptions{}, fn) })
	if len(fs2) != 0 {
		t.Errorf("ignored findings still reported: %+v", fs2)
	}
	if err := scan.NewIgnore().Add("not an entry"); err == nil {
		t.Error("malformed ignore entry accepted")
	}
}

// TestDirPathTooLong provokes an unreadable path that even root gets: a
// file nested deeper than PATH_MAX. The scan reports it and goes on.
func TestDirPathTooLong(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("PATH_MAX behaviour is Linux's")
	}
	root := t.TempDir()
	writeFile(t, root, "ok.env", cred(keyA, secretA))
	set := testSet(t)
	t.Chdir(root)
	name := strings.Repeat("d", 250)
	for i := 0; i < 18; i++ { // 18*251 > 4096
		if err := os.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chdir(name); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile("deep.env", []byte(cred(keyB, secretB)), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &scan.Scanner{Rules: set}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(bg, root, scan.DirOptions{}, fn)
	})
	var errs *scan.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want *scan.Errors for the over-long path, got %v", err)
	}
	if len(fs) != 1 || fs[0].Parts[0].Value != keyA {
		t.Errorf("partial results: %d findings, want the one in ok.env", len(fs))
	}
}
