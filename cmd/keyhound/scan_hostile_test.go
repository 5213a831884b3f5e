//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanRefusedGitignore: a .gitignore that is a symbolic link to
// /dev/zero is refused, named, and the scan still reports what it found,
// with exit 2 (results are partial).
func TestScanRefusedGitignore(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bot/.env", envText)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "sub", ".gitignore")); err != nil {
		t.Fatal(err)
	}
	r := keyhound(t, dir, "", "scan", ".")
	if r.code != 2 {
		t.Errorf("exit %d, want 2\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "bot/.env:1") {
		t.Errorf("finding not reported:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout+r.stderr, "sub/.gitignore") || !strings.Contains(r.stdout+r.stderr, "symbolic link") {
		t.Errorf("the refused .gitignore is not named:\n%s\n%s", r.stdout, r.stderr)
	}
}
