package scan

import (
	"errors"
	"fmt"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// LargeObject is the size from which go-git streams an object's content
// instead of inflating it whole into memory (deltified objects excepted):
// the matcher reads such blobs in bounded chunks.
const LargeObject = DefaultChunkSize

// errStop ends an object enumeration early (context cancelled).
var errStop = errors.New("stop")

// forEachBlob calls fn for every blob in the repository's object store,
// each once: its own objects, then those of each alternate object
// directory. On a filesystem repository, loose objects and every pack are
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
	stores := objectStores(repo.Storer)
	if stores == nil {
		iter, err := repo.Storer.IterEncodedObjects(plumbing.BlobObject)
		if err != nil {
			return fmt.Errorf("reading the object store: %w", err)
		}
		defer iter.Close()
		return iter.ForEach(visit)
	}
	for _, fss := range stores {
		if err := forEachStoreBlob(fss, seen, visit, problem); err != nil {
			return err
		}
	}
	return nil
}

// forEachStoreBlob enumerates one object directory's blobs: loose
// objects, then each pack.
func forEachStoreBlob(fss *filesystem.Storage, seen map[plumbing.Hash]struct{}, visit func(plumbing.EncodedObject) error, problem func(object string, err error)) error {
	// Loose objects, one at a time.
	err := fss.ForEachObjectHash(func(h plumbing.Hash) error {
		if _, ok := seen[h]; ok {
			return nil
		}
		obj, err := fss.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			problem(h.String(), fmt.Errorf("cannot read loose object: %w", err))
			return nil
		}
		if obj.Hash() != h {
			problem(h.String(), fmt.Errorf("corrupt loose object: its content hashes to %s", obj.Hash()))
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
		err := forEachPackedBlob(fs, ph, visit)
		if err == nil {
			continue
		}
		if errors.Is(err, errStop) {
			return err
		}
		problem("", fmt.Errorf("pack %s: %w; reading its objects one by one", ph, err))
		// The sequential pass stopped at a damaged object: read the rest
		// of the pack by id, so one bad object costs only itself.
		hashes, ierr := packHashes(fs, ph)
		if ierr != nil {
			problem("", fmt.Errorf("pack %s: index: %w", ph, ierr))
			continue
		}
		for _, h := range hashes {
			if _, ok := seen[h]; ok {
				continue
			}
			obj, err := fss.EncodedObject(plumbing.AnyObject, h)
			if err != nil {
				problem(h.String(), fmt.Errorf("cannot read packed object: %w", err))
				continue
			}
			if obj.Type() != plumbing.BlobObject {
				continue
			}
			if err := visit(obj); err != nil {
				return err
			}
		}
	}
	return nil
}

// packHashes lists the object ids a pack's index holds.
func packHashes(fs billy.Filesystem, ph plumbing.Hash) ([]plumbing.Hash, error) {
	f, err := fs.Open("objects/pack/pack-" + ph.String() + ".idx")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	idx := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(f).Decode(idx); err != nil {
		return nil, err
	}
	it, err := idx.Entries()
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []plumbing.Hash
	for {
		e, err := it.Next()
		if err != nil {
			break
		}
		out = append(out, e.Hash)
	}
	return out, nil
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
	iter, err := filesystem.NewPackfileIter(fs, pack, idx, plumbing.BlobObject, false, LargeObject)
	if err != nil {
		pack.Close()
		return err
	}
	defer iter.Close()
	return iter.ForEach(visit)
}
