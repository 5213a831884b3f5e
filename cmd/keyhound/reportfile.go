package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/keyhound/keyhound/repofile"
)

// replaceFile writes a file (a report, .keyhoundignore) to path through a
// new file in the same directory, created with mode perm and renamed over
// path once complete. Whatever was at path is replaced, never written
// through: an existing report's mode (0644, say) does not carry over to
// secrets written with --no-redact, and a symbolic link (a pull request
// can commit one at the report's path) is replaced rather than followed. A path that is, or
// links to, anything but a regular file (a directory, a device, a pipe)
// is refused: replacing it could break the system (/dev/stdout is a link
// on Linux), writing through it could hang or destroy data.
func replaceFile(path string, perm os.FileMode, write func(io.Writer) error) error {
	if fi, err := os.Lstat(path); err == nil {
		target := fi
		if fi.Mode()&fs.ModeSymlink != 0 {
			target, err = os.Stat(path)
			if err != nil {
				target = nil // dangling: replaced like any link
			}
		}
		if target != nil && !target.Mode().IsRegular() {
			what := "is"
			if target != fi {
				what = "links to"
			}
			return fmt.Errorf("%s %s %s, not a regular file", path, what, repofile.Kind(target.Mode()))
		}
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".keyhound-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	done = true
	return nil
}
