package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/keyhound/keyhound/internal/gitpack"
)

// treeReader returns the raw content of tree objects.
type treeReader interface {
	tree(h plumbing.Hash) ([]byte, error)
}

// treeReaderOf reads repo's trees directly when repo reads its objects
// through directObjects, through go-git otherwise.
func treeReaderOf(repo *git.Repository) treeReader {
	if d, ok := repo.Storer.(*directObjects); ok {
		return d
	}
	return goGitTrees{repo.Storer}
}

// goGitTrees reads trees through go-git.
type goGitTrees struct{ objects storer.EncodedObjectStorer }

func (g goGitTrees) tree(h plumbing.Hash) ([]byte, error) {
	obj, err := g.objects.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// tree returns a tree's content (shared with the pack's cache:
// read-only).
func (d *directObjects) tree(h plumbing.Hash) ([]byte, error) {
	typ, data, err := d.read(h)
	if errors.Is(err, plumbing.ErrObjectNotFound) || errors.Is(err, gitpack.ErrTooLarge) {
		return goGitTrees{d.Storer}.tree(h)
	}
	if err != nil {
		return nil, err
	}
	if typ != plumbing.TreeObject {
		return nil, plumbing.ErrObjectNotFound
	}
	return data, nil
}

var errMalformedTree = errors.New("malformed tree object")

// eachTreeEntry calls fn for each entry of a tree object's content
// ("MODE NAME\\0" and a 20-byte id, repeated). name is a slice of data.
func eachTreeEntry(data []byte, fn func(mode filemode.FileMode, name []byte, h plumbing.Hash)) error {
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp <= 0 {
			return fmt.Errorf("%w: no mode", errMalformedTree)
		}
		var mode uint32
		for _, c := range data[:sp] {
			if c < '0' || c > '7' || mode > 1<<24 {
				return fmt.Errorf("%w: bad mode %q", errMalformedTree, data[:sp])
			}
			mode = mode<<3 | uint32(c-'0')
		}
		data = data[sp+1:]
		nul := bytes.IndexByte(data, 0)
		if nul <= 0 || nul+21 > len(data) {
			return fmt.Errorf("%w: truncated entry", errMalformedTree)
		}
		name := data[:nul]
		var h plumbing.Hash
		copy(h[:], data[nul+1:nul+21])
		data = data[nul+21:]
		fn(filemode.FileMode(mode), name, h)
	}
	return nil
}
