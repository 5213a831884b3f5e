package scan

import (
	"errors"
	"fmt"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// errStop ends an object enumeration early (context cancelled).
var errStop = errors.New("stop")

// forEachBlob calls fn for every blob in the repository's object store,
// each once. On a filesystem repository, loose objects and every pack are
// enumerated separately, so a corrupt loose object or a broken pack costs
// only itself: it is reported through problem and the rest is read. fn
// returning an error stops the enumeration with that error.
func forEachBlob(repo *git.Repository, fn func(plumbing.EncodedObject) error, problem func(object string, err error)) error {
	seen := make(map[plumbing.Hash]struct{})
	visit := func(obj plumbing.EncodedObject) error {
		h := obj.Hash()
		if _, ok := seen[h]; ok {
			return nil
		}
		seen[h] = struct{}{}
		return fn(obj)
	}
	fss, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		iter, err := repo.Storer.IterEncodedObjects(plumbing.BlobObject)
		if err != nil {
			return fmt.Errorf("reading the object store: %w", err)
		}
		defer iter.Close()
		return iter.ForEach(visit)
	}
	// Loose objects, one at a time.
	err := fss.ForEachObjectHash(func(h plumbing.Hash) error {
		obj, err := fss.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			problem(h.String(), fmt.Errorf("cannot read loose object: %w", err))
			return nil
		}
		if obj.Type() != plumbing.BlobObject {
			return nil
		}
		return visit(obj)
	})
	if err != nil {
		if errors.Is(err, errStop) {
			return err
		}
		problem("", fmt.Errorf("listing loose objects: %w", err))
	}
	// Packs, each on its own.
	packs, err := fss.ObjectPacks()
	if err != nil {
		problem("", fmt.Errorf("listing packs: %w", err))
		return nil
	}
	fs := fss.Filesystem()
	for _, ph := range packs {
		if err := forEachPackedBlob(fs, ph, visit); err != nil {
			if errors.Is(err, errStop) {
				return err
			}
			problem("", fmt.Errorf("pack %s: %w", ph, err))
		}
	}
	return nil
}

func forEachPackedBlob(fs billy.Filesystem, ph plumbing.Hash, visit func(plumbing.EncodedObject) error) error {
	base := "objects/pack/pack-" + ph.String()
	idx, err := fs.Open(base + ".idx")
	if err != nil {
		return err
	}
	pack, err := fs.Open(base + ".pack")
	if err != nil {
		idx.Close()
		return err
	}
	iter, err := filesystem.NewPackfileIter(fs, pack, idx, plumbing.BlobObject, false, 0)
	if err != nil {
		pack.Close()
		return err
	}
	defer iter.Close()
	return iter.ForEach(visit)
}
