package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/keyhound/keyhound/internal/gitpack"
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
//
// pass, when not nil, counts the objects gone through (of every type)
// against the stores' total, for progress.
func forEachBlob(ctx context.Context, repo *git.Repository, maxInMemory int64, pass *passage, fn func(plumbing.EncodedObject) error, problem func(object string, err error)) error {
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
	if pass == nil {
		pass = &passage{}
	}
	for _, fss := range stores {
		pass.total.Add(storeObjects(fss))
	}
	for _, fss := range stores {
		if err := forEachStoreBlob(ctx, fss, maxInMemory, seen, pass, visit, problem); err != nil {
			return err
		}
	}
	return nil
}

// forEachStoreBlob enumerates one object directory's blobs: loose
// objects, then each pack.
func forEachStoreBlob(ctx context.Context, fss *filesystem.Storage, maxInMemory int64, seen map[plumbing.Hash]struct{}, pass *passage, visit func(plumbing.EncodedObject) error, problem func(object string, err error)) error {
	// Loose objects, one at a time.
	err := fss.ForEachObjectHash(func(h plumbing.Hash) error {
		pass.passed.Add(1)
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
		before := pass.passed.Load()
		err := forEachPackedBlob(ctx, fs, ph, maxInMemory, func(obj plumbing.EncodedObject) error {
			pass.passed.Store(before + int64(obj.(*packedBlob).b.Seq))
			return visit(obj)
		})
		pass.passed.Store(before + packObjects(fs, ph))
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

// passage counts the objects a pass over object stores has gone through,
// of every type, against the total their indexes and directories hold.
type passage struct{ passed, total atomic.Int64 }

// storeObjects counts the objects of one object directory: the loose
// ones and each pack's (from its index's header, without decoding it).
func storeObjects(fss *filesystem.Storage) int64 {
	var n int64
	_ = fss.ForEachObjectHash(func(plumbing.Hash) error { n++; return nil })
	packs, _ := fss.ObjectPacks()
	for _, ph := range packs {
		n += packObjects(fss.Filesystem(), ph)
	}
	return n
}

// packObjects is the number of objects a pack's index says it holds: the
// last entry of its fan-out table (after the header in version 2), 0
// when the index cannot be read.
func packObjects(fs billy.Filesystem, ph plumbing.Hash) int64 {
	f, err := fs.Open("objects/pack/pack-" + ph.String() + ".idx")
	if err != nil {
		return 0
	}
	defer f.Close()
	var head [1032]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return 0
	}
	at := 255 * 4 // version 1: the fan-out table comes first
	if bytes.Equal(head[:4], []byte{0xff, 't', 'O', 'c'}) {
		at += 8
	}
	return int64(binary.BigEndian.Uint32(head[at:]))
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

// forEachPackedBlob reads one pack's blobs in one sequential pass
// (internal/gitpack): each object inflated once, deltas resolved from a
// bounded cache of bases, no content hashed (ids come from the index),
// commits and trees skipped unread. A deltified blob larger than
// maxInMemory is not resolved: reading it gives its error.
func forEachPackedBlob(ctx context.Context, fs billy.Filesystem, ph plumbing.Hash, maxInMemory int64, visit func(plumbing.EncodedObject) error) error {
	base := "objects/pack/pack-" + ph.String()
	idxFile, err := fs.Open(base + ".idx")
	if err != nil {
		return err
	}
	idx := idxfile.NewMemoryIndex()
	err = idxfile.NewDecoder(idxFile).Decode(idx)
	idxFile.Close()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	info, err := fs.Stat(base + ".pack")
	if err != nil {
		return err
	}
	pack, err := fs.Open(base + ".pack")
	if err != nil {
		return err
	}
	defer pack.Close()
	return gitpack.Blobs(ctx, pack, info.Size(), idx, gitpack.Options{Large: LargeObject, MaxInMemory: maxInMemory}, func(b gitpack.Blob) error {
		return visit(&packedBlob{b: b, fs: fs, pack: base + ".pack"})
	})
}

// packedBlob is a blob read by gitpack, as go-git's object interface.
type packedBlob struct {
	b    gitpack.Blob
	fs   billy.Filesystem
	pack string // a streamed blob is read from its own handle of the pack
}

func (o *packedBlob) Hash() plumbing.Hash         { return o.b.Hash }
func (o *packedBlob) Type() plumbing.ObjectType   { return plumbing.BlobObject }
func (o *packedBlob) SetType(plumbing.ObjectType) {}
func (o *packedBlob) Size() int64                 { return o.b.Size }
func (o *packedBlob) SetSize(int64)               {}
func (o *packedBlob) Writer() (io.WriteCloser, error) {
	return nil, errors.New("packed blobs are read-only")
}

// Reader returns the blob's content.
func (o *packedBlob) Reader() (io.ReadCloser, error) {
	if o.b.Err != nil {
		return nil, o.b.Err
	}
	if !o.b.Streamed {
		return io.NopCloser(bytes.NewReader(o.b.Data)), nil
	}
	f, err := o.fs.Open(o.pack)
	if err != nil {
		return nil, err
	}
	r, err := o.b.Open(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return readCloser{r, func() error { r.Close(); return f.Close() }}, nil
}

type readCloser struct {
	io.Reader
	close func() error
}

func (r readCloser) Close() error { return r.close() }

// content returns the blob's content when it is in memory (shared with
// the pack reader's cache: read-only).
func (o *packedBlob) content() ([]byte, bool) { return o.b.Data, !o.b.Streamed && o.b.Err == nil }
