// Package repofile reads the files a scanned repository supplies about
// its own scan — configuration, the rule packs it extends, ignore files,
// .gitignore — as the untrusted input they are.
//
// A repository (or a pull request) is written by whoever wrote it: a
// committed symbolic link named .keyhoundignore can point at
// /proc/self/environ, a .gitignore at /dev/zero, a FIFO can stand where a
// config file is expected. Every read in this package therefore
//
//   - stays inside the root directory (no absolute paths, no "..", no
//     symbolic link that leaves it),
//   - never follows a symbolic link as the file itself,
//   - never blocks: special files (FIFOs, devices, sockets) are opened
//     without waiting and refused,
//   - reads only regular files, and at most a size cap.
//
// Refusals are errors that name the file and the reason, never its
// content.
package repofile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
)

// Reasons a file is refused. Errors returned by this package wrap one of
// these (or fs.ErrNotExist for a file that is not there) in an *Error.
var (
	// ErrOutside: the name is absolute, holds "..", or resolves outside
	// the root.
	ErrOutside = errors.New("outside the repository")
	// ErrSymlink: the file is a symbolic link.
	ErrSymlink = errors.New("a symbolic link (not followed)")
	// ErrNotRegular: the file is a directory, FIFO, device or socket.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the file is larger than the cap.
	ErrTooLarge = errors.New("larger than the size cap")
)

// Error is a refused or failed read of a repository-supplied file.
type Error struct {
	Name string // the name as asked for, relative to the root
	Err  error
}

// Error formats the error as "name: reason".
func (e *Error) Error() string { return e.Name + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

// DefaultMaxSize caps a repository-supplied file when no cap is given:
// configuration and ignore files are a few KiB; a megabyte is generous.
const DefaultMaxSize = 1 << 20

// ReadFile reads name, a slash-separated path relative to the directory
// root, under the rules of this package: at most max bytes
// (DefaultMaxSize when max <= 0). A file that does not exist gives an
// error satisfying errors.Is(err, fs.ErrNotExist).
func ReadFile(root, name string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	if !fs.ValidPath(name) || name == "." {
		return nil, &Error{Name: name, Err: ErrOutside}
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, &Error{Name: name, Err: err}
	}
	defer r.Close()
	return readIn(r, name, max)
}

func readIn(r *os.Root, name string, max int64) ([]byte, error) {
	fail := func(err error) ([]byte, error) { return nil, &Error{Name: name, Err: err} }
	li, err := r.Lstat(name)
	if err != nil {
		return fail(cause(err))
	}
	if li.Mode()&fs.ModeSymlink != 0 {
		return fail(ErrSymlink)
	}
	if !li.Mode().IsRegular() {
		return fail(fmt.Errorf("%w (%s)", ErrNotRegular, Kind(li.Mode())))
	}
	if li.Size() > max {
		return fail(fmt.Errorf("%w (%d > %d bytes)", ErrTooLarge, li.Size(), max))
	}
	// Opened without following a final symbolic link and without
	// blocking, then checked again: the file opened must be the one
	// examined above, so a swap between the two calls is refused.
	f, err := r.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return fail(cause(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	if !fi.Mode().IsRegular() || !os.SameFile(li, fi) {
		return fail(fmt.Errorf("%w (changed while being opened)", ErrNotRegular))
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return fail(err)
	}
	if int64(len(data)) > max {
		return fail(fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, max))
	}
	return data, nil
}

// OpenRegular opens a file of a tree being walked (a path on the host,
// already inside the walk's root) for streaming: without following a
// final symbolic link, without blocking, and only when what was opened is
// a regular file — a FIFO swapped in after the walk saw a file is
// refused, never waited on.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &Error{Name: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, Kind(fi.Mode()))}
	}
	return f, nil
}

// cause maps os.Root's errors to this package's reasons, without the
// path os adds (the caller names the file).
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fs.ErrNotExist
	case err != nil && err.Error() == "path escapes from parent":
		return ErrOutside
	}
	return err
}

// Kind names a file type in words for an error message: "a directory",
// "a FIFO", "a socket", "a device".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "type " + m.Type().String()
}

// FS returns the directory root as an fs.FS whose Open and ReadFile
// follow the rules of this package, each file capped at max bytes
// (DefaultMaxSize when max <= 0). Only regular files can be opened; it
// is meant for fs.ReadFile and for parsers that resolve one file from
// another (a rule pack's [extend] path).
func FS(root string, max int64) fs.FS {
	if max <= 0 {
		max = DefaultMaxSize
	}
	return ReadFileFS(func(name string) ([]byte, error) { return ReadFile(root, name, max) })
}

// ReadFileFS turns a function that reads one whole file, and already
// applies the rules of this package, into an fs.FS of regular files
// served from memory (a commit's tree, say, as well as a directory).
type ReadFileFS func(name string) ([]byte, error)

// ReadFile implements fs.ReadFileFS.
func (f ReadFileFS) ReadFile(name string) ([]byte, error) { return f(name) }

// Open implements fs.FS: the file is read whole and served from memory.
func (f ReadFileFS) Open(name string) (fs.File, error) {
	data, err := f(name)
	if err != nil {
		return nil, err
	}
	return &memFile{name: path.Base(name), data: data}, nil
}
