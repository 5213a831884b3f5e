package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportFileIsReplacedNotWrittenThrough: --report writes a new file
// with mode 0600 and renames it over the path: an existing 0644 report
// becomes 0600, a symbolic link at the path is replaced (the file it
// pointed to is untouched, a dangling one's target is not created), and
// a path that is not a regular file is refused with a clear error.
func TestReportFileIsReplacedNotWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bot/.env", envText)
	out := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(elsewhere, []byte("untouched\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(t.TempDir(), "created-through-the-link")

	setups := []struct {
		name  string
		setup func(path string)
		code  int
		err   string
	}{
		{"new file", func(string) {}, 1, ""},
		{"existing 0644 report", func(p string) { os.WriteFile(p, []byte("old report\n"), 0o644); os.Chmod(p, 0o644) }, 1, ""},
		{"existing 0666 report", func(p string) { os.WriteFile(p, []byte("old report\n"), 0o666); os.Chmod(p, 0o666) }, 1, ""},
		{"symlink to a file elsewhere", func(p string) { os.Symlink(elsewhere, p) }, 1, ""},
		{"dangling symlink", func(p string) { os.Symlink(dangling, p) }, 1, ""},
		{"directory", func(p string) { os.Mkdir(p, 0o755) }, 2, "not a regular file"},
		{"symlink to a device", func(p string) { os.Symlink(os.DevNull, p) }, 2, "not a regular file"},
	}
	for i, tc := range setups {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(out, "report"+string(rune('a'+i))+".json")
			tc.setup(path)
			r := keyhound(t, dir, "", "scan", "-f", "json", "--report", path, ".")
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.err != "" {
				if !strings.Contains(r.stderr, tc.err) {
					t.Errorf("stderr lacks %q: %s", tc.err, r.stderr)
				}
				return
			}
			fi, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
				t.Errorf("report is %v, want a regular file with mode 0600", fi.Mode())
			}
			b, _ := os.ReadFile(path)
			var rep struct {
				Findings []json.RawMessage `json:"findings"`
			}
			if err := json.Unmarshal(b, &rep); err != nil || len(rep.Findings) != 1 {
				t.Errorf("report: %v, %d findings\n%s", err, len(rep.Findings), b)
			}
		})
	}
	if b, _ := os.ReadFile(elsewhere); string(b) != "untouched\n" {
		t.Errorf("the file a symbolic link pointed to was written: %q", b)
	}
	if fi, _ := os.Stat(elsewhere); fi.Mode().Perm() != 0o644 {
		t.Errorf("the file a symbolic link pointed to changed mode: %v", fi.Mode())
	}
	if _, err := os.Lstat(dangling); !os.IsNotExist(err) {
		t.Errorf("a dangling symbolic link's target was created (%v)", err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a character device: %v %v", os.DevNull, fi, err)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.Contains(e.Name(), "tmp") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}
