package scan

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/objfile"
	"github.com/go-git/go-git/v5/storage"

	"github.com/keyhound/keyhound/internal/gitpack"
)

// directObjects reads single objects of a filesystem repository straight
// from its loose objects and packs (internal/gitpack), for scans that
// need a few objects of a large repository (the pre-commit check: HEAD's
// commit, the trees along the staged paths, a few blobs). go-git decodes
// a pack's whole index and maps every offset to its id the first time it
// resolves a delta: most of a staged check's time on a large repository.
// Anything it cannot read (alternates, an object too large for memory) it
// leaves to go-git.
type directObjects struct {
	storage.Storer
	fs    billy.Filesystem // the git directory holding objects/
	max   int64
	cache int64           // bytes of objects each pack keeps
	packs []*gitpack.Pack // opened on first use
	files []billy.File
	open  bool
}

// withDirectObjects returns repo reading its objects through
// directObjects (each pack keeping up to cacheBytes of the objects it
// inflated), and a func that closes the packs it opened; a repository
// not on a filesystem is returned as it is.
func withDirectObjects(repo *git.Repository, maxInMemory, cacheBytes int64) (*git.Repository, func()) {
	stores := objectStores(repo.Storer)
	if stores == nil {
		return repo, func() {}
	}
	d := &directObjects{Storer: repo.Storer, fs: stores[0].Filesystem(), max: maxInMemory, cache: cacheBytes}
	r, err := git.Open(d, nil)
	if err != nil {
		return repo, func() {}
	}
	return r, d.close
}

func (d *directObjects) close() {
	for _, f := range d.files {
		f.Close()
	}
	d.files, d.packs = nil, nil
}

// EncodedObject returns object h: loose, from a pack of the repository,
// or, failing both, as go-git finds it.
func (d *directObjects) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	typ, data, err := d.read(h)
	switch {
	case err == nil:
		if t != plumbing.AnyObject && typ != t {
			return nil, plumbing.ErrObjectNotFound
		}
		obj := &plumbing.MemoryObject{}
		obj.SetType(typ)
		if _, err := obj.Write(data); err != nil {
			return nil, err
		}
		return obj, nil
	case errors.Is(err, plumbing.ErrObjectNotFound), errors.Is(err, gitpack.ErrTooLarge):
		return d.Storer.EncodedObject(t, h)
	}
	return nil, err
}

func (d *directObjects) read(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	// Packs first: in a large repository nearly every object is packed,
	// and a lookup there costs no system call once its slice of the
	// index is read.
	d.openPacks()
	for _, p := range d.packs {
		typ, data, ok, err := p.Object(h)
		if ok {
			return typ, data, err
		}
		if err != nil {
			return plumbing.InvalidObject, nil, err
		}
	}
	hex := h.String()
	f, err := d.fs.Open("objects/" + hex[:2] + "/" + hex[2:])
	if err == nil {
		defer f.Close()
		return d.loose(f)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return plumbing.InvalidObject, nil, err
	}
	return plumbing.InvalidObject, nil, plumbing.ErrObjectNotFound
}

// loose reads a loose object file, its declared size bounded.
func (d *directObjects) loose(f io.Reader) (plumbing.ObjectType, []byte, error) {
	r, err := objfile.NewReader(f)
	if err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("loose object: %w", err)
	}
	defer r.Close()
	typ, size, err := r.Header()
	if err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("loose object: %w", err)
	}
	if size < 0 || size > d.max {
		return plumbing.InvalidObject, nil, fmt.Errorf("%w: loose object of %d bytes", gitpack.ErrTooLarge, size)
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(r, data); err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("loose object: %w", err)
	}
	return typ, data, nil
}

// openPacks opens the repository's packs (pack-*.idx with its .pack).
func (d *directObjects) openPacks() {
	if d.open {
		return
	}
	d.open = true
	infos, err := d.fs.ReadDir("objects/pack")
	if err != nil {
		return
	}
	for _, fi := range infos {
		name := fi.Name()
		if !strings.HasPrefix(name, "pack-") || !strings.HasSuffix(name, ".idx") || !fi.Mode().IsRegular() {
			continue
		}
		base := "objects/pack/" + strings.TrimSuffix(name, ".idx")
		idx, err := d.fs.Open(base + ".idx")
		if err != nil {
			continue
		}
		pack, err := d.fs.Open(base + ".pack")
		if err != nil {
			idx.Close()
			continue
		}
		d.files = append(d.files, idx, pack)
		st, err := d.fs.Stat(base + ".pack")
		if err != nil {
			continue
		}
		p, err := gitpack.OpenPack(idx, pack, st.Size(), d.max, d.cache)
		if err != nil {
			continue // go-git will read (or report) that pack
		}
		d.packs = append(d.packs, p)
	}
}
