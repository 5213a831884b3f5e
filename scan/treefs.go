package scan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/repofile"
)

// TreeFS returns the tree of a commit as an fs.FS of its regular files,
// under the rules package repofile applies to a work tree: a symbolic
// link, submodule or directory entry is refused (repofile.ErrSymlink,
// repofile.ErrNotRegular), a blob larger than max bytes is refused before
// it is read (repofile.ErrTooLarge; max <= 0 means
// repofile.DefaultMaxSize), names are slash-separated and relative. Errors
// are *repofile.Error.
//
// It reads a repository's own files (configuration, ignore files) as a
// given commit holds them: the base of a pull request, not its head.
func TreeFS(repo *git.Repository, commit plumbing.Hash, max int64) (fs.FS, error) {
	if max <= 0 {
		max = repofile.DefaultMaxSize
	}
	c, err := repo.CommitObject(commit)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", commit, wrapMissing(err))
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("commit %s: tree: %w", commit, wrapMissing(err))
	}
	return repofile.ReadFileFS(treeFS{repo: repo, tree: t, max: max}.ReadFile), nil
}

type treeFS struct {
	repo *git.Repository
	tree *object.Tree
	max  int64
}

// ReadFile reads one regular file of the tree.
func (t treeFS) ReadFile(name string) ([]byte, error) {
	fail := func(err error) ([]byte, error) { return nil, &repofile.Error{Name: name, Err: err} }
	if !fs.ValidPath(name) || name == "." {
		return fail(repofile.ErrOutside)
	}
	e, err := t.tree.FindEntry(name)
	if err != nil {
		if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) || errors.Is(err, plumbing.ErrObjectNotFound) {
			return fail(fs.ErrNotExist)
		}
		return fail(err)
	}
	switch e.Mode {
	case filemode.Regular, filemode.Executable, filemode.Deprecated:
	case filemode.Symlink:
		return fail(repofile.ErrSymlink)
	default:
		return fail(fmt.Errorf("%w (git mode %s)", repofile.ErrNotRegular, e.Mode))
	}
	b, err := t.repo.BlobObject(e.Hash)
	if err != nil {
		return fail(wrapMissing(err))
	}
	if b.Size > t.max {
		return fail(fmt.Errorf("%w (%d > %d bytes)", repofile.ErrTooLarge, b.Size, t.max))
	}
	r, err := b.Reader()
	if err != nil {
		return fail(err)
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, t.max+1))
	if err != nil {
		return fail(err)
	}
	if int64(len(data)) > t.max {
		return fail(fmt.Errorf("%w (more than %d bytes)", repofile.ErrTooLarge, t.max))
	}
	return data, nil
}
