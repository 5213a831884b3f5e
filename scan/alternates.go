package scan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/keyhound/keyhound/repofile"
)

// Alternates: a repository made with `git clone --shared` or
// `--reference` holds few objects of its own; objects/info/alternates
// names other object directories (usually another repository's) where
// the rest are. git reads them as part of the repository, and so does a
// scan: OpenRepository resolves the chain once and the scan enumerates
// and looks objects up in each directory.
//
// go-git's own alternates support is switched off (it re-reads the file
// on every missed lookup, resolves relative paths from the wrong
// directory and recurses without bound through a cycle); the chain is
// resolved here instead, as git does: paths relative to the object
// directory holding the file, "#" comments, C-quoted paths, each
// directory once (a cycle ends where it closes), at most
// maxAlternateDepth levels. Alternates outside the repository are normal
// (that is the point of them): they are the user's own object stores,
// opened read-only.
const (
	// maxAlternateDepth is git's nesting limit for alternates files.
	maxAlternateDepth = 5
	// maxAlternates bounds the object directories opened.
	maxAlternates = 64
	// maxAlternatesFile caps an objects/info/alternates file.
	maxAlternatesFile = 1 << 20
)

// ErrAlternate is wrapped by Problems about object directories named in
// objects/info/alternates that could not be used: their objects are
// missing from the scan.
var ErrAlternate = errors.New("alternate object directory not used")

// altStorage is a repository's object storage followed by the object
// directories its alternates name, in git's lookup order.
type altStorage struct {
	*filesystem.Storage
	alternates []*filesystem.Storage
	problems   []Problem
}

// EncodedObject looks the object up in the repository, then in each
// alternate.
func (s *altStorage) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := s.Storage.EncodedObject(t, h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return obj, err
	}
	for _, a := range s.alternates {
		if o, aerr := a.EncodedObject(t, h); aerr == nil {
			return o, nil
		}
	}
	return nil, err
}

// HasEncodedObject reports whether the repository or an alternate has h.
func (s *altStorage) HasEncodedObject(h plumbing.Hash) error {
	err := s.Storage.HasEncodedObject(h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return err
	}
	for _, a := range s.alternates {
		if a.HasEncodedObject(h) == nil {
			return nil
		}
	}
	return err
}

// EncodedObjectSize returns h's size from wherever it is.
func (s *altStorage) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	n, err := s.Storage.EncodedObjectSize(h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return n, err
	}
	for _, a := range s.alternates {
		if n, aerr := a.EncodedObjectSize(h); aerr == nil {
			return n, nil
		}
	}
	return 0, err
}

// IterEncodedObjects iterates the objects of the repository and of
// every alternate (an object in several is seen more than once).
func (s *altStorage) IterEncodedObjects(t plumbing.ObjectType) (storer.EncodedObjectIter, error) {
	var iters []storer.EncodedObjectIter
	for _, st := range s.stores() {
		it, err := st.IterEncodedObjects(t)
		if err != nil {
			for _, i := range iters {
				i.Close()
			}
			return nil, err
		}
		iters = append(iters, it)
	}
	return storer.NewMultiEncodedObjectIter(iters), nil
}

// HashesWithPrefix resolves abbreviated ids across every store.
func (s *altStorage) HashesWithPrefix(prefix []byte) ([]plumbing.Hash, error) {
	seen := map[plumbing.Hash]bool{}
	var out []plumbing.Hash
	for _, st := range s.stores() {
		hs, err := st.HashesWithPrefix(prefix)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			if !seen[h] {
				seen[h] = true
				out = append(out, h)
			}
		}
	}
	return out, nil
}

func (s *altStorage) stores() []*filesystem.Storage {
	return append([]*filesystem.Storage{s.Storage}, s.alternates...)
}

// objectStores returns the filesystem object stores a repository reads:
// its own and its alternates', or nil when it is not on a filesystem.
func objectStores(st storer.EncodedObjectStorer) []*filesystem.Storage {
	switch s := st.(type) {
	case *altStorage:
		return s.stores()
	case *filesystem.Storage:
		return []*filesystem.Storage{s}
	}
	return nil
}

// addStoreProblems reports what went wrong resolving the repository's
// alternates.
func addStoreProblems(st storer.EncodedObjectStorer, probs *problems) {
	if s, ok := st.(*altStorage); ok {
		for _, p := range s.problems {
			probs.add(p.Path, p.Object, p.Err)
		}
	}
}

// newObjectStorage opens the object store of the git directory fs with
// the large-object threshold, go-git's alternates handling off, and the
// alternates chain resolved (see above).
func newObjectStorage(dotgit billy.Filesystem) storage.Storer {
	objCache := cache.NewObjectLRUDefault()
	open := func(fs billy.Filesystem) *filesystem.Storage {
		return filesystem.NewStorageWithOptions(noAlternatesFS{fs}, objCache, filesystem.Options{LargeObjectThreshold: LargeObject})
	}
	main := open(dotgit)
	objects, err := dotgit.Chroot("objects")
	if err != nil {
		return main
	}
	alts, probs := resolveAlternates(objects.Root())
	if len(alts) == 0 && len(probs) == 0 {
		return main
	}
	s := &altStorage{Storage: main, problems: probs}
	for _, dir := range alts {
		s.alternates = append(s.alternates, open(osfs.New(filepath.Dir(dir))))
	}
	return s
}

// resolveAlternates returns the object directories the alternates chain
// of the object directory objDir names, depth first as git reads them,
// each once, and the problems met.
func resolveAlternates(objDir string) ([]string, []Problem) {
	var (
		out   []string
		probs []Problem
	)
	seen := map[string]bool{canonicalDir(objDir): true}
	problem := func(path string, err error) {
		probs = append(probs, Problem{Path: path, Err: fmt.Errorf("%w: %w", ErrAlternate, err)})
	}
	var read func(dir string, depth int)
	read = func(dir string, depth int) {
		name := filepath.Join(dir, "info", "alternates")
		data, err := repofile.ReadFile(dir, "info/alternates", maxAlternatesFile)
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if depth > maxAlternateDepth {
			problem(name, fmt.Errorf("alternates nested too deep (more than %d levels): not read", maxAlternateDepth))
			return
		}
		if err != nil {
			problem(name, reason(err))
			return
		}
		for _, line := range strings.Split(string(data), "\n") {
			p := strings.TrimRight(line, "\r")
			if p == "" || strings.HasPrefix(p, "#") {
				continue
			}
			if strings.HasPrefix(p, `"`) {
				if u, err := strconv.Unquote(p); err == nil {
					p = u
				}
			}
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			p = filepath.Clean(p)
			fi, err := os.Stat(p)
			if err != nil || !fi.IsDir() {
				if err == nil {
					err = errors.New("not a directory")
				}
				problem(name, fmt.Errorf("%s: %w", p, unwrapPath(err)))
				continue
			}
			c := canonicalDir(p)
			if seen[c] {
				continue
			}
			seen[c] = true
			if filepath.Base(p) != "objects" {
				problem(name, fmt.Errorf("%s: an object directory not named \"objects\" is not supported", p))
				continue
			}
			if len(out) == maxAlternates {
				problem(name, fmt.Errorf("%s: more than %d alternate object directories", p, maxAlternates))
				return
			}
			out = append(out, p)
			read(p, depth+1)
		}
	}
	read(objDir, 0)
	return out, probs
}

// canonicalDir names a directory by its resolved path, so a cycle or a
// second spelling of one directory is recognised.
func canonicalDir(p string) string {
	if c, err := filepath.EvalSymlinks(p); err == nil {
		return c
	}
	return filepath.Clean(p)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// noAlternatesFS hides objects/info/alternates from go-git, whose own
// alternates handling is replaced by altStorage.
type noAlternatesFS struct{ billy.Filesystem }

var alternatesPath = filepath.Join("objects", "info", "alternates")

// Open implements billy.Filesystem.
func (f noAlternatesFS) Open(name string) (billy.File, error) {
	if filepath.Clean(name) == alternatesPath {
		return nil, os.ErrNotExist
	}
	return f.Filesystem.Open(name)
}

// OpenFile implements billy.Filesystem.
func (f noAlternatesFS) OpenFile(name string, flag int, perm os.FileMode) (billy.File, error) {
	if filepath.Clean(name) == alternatesPath {
		return nil, os.ErrNotExist
	}
	return f.Filesystem.OpenFile(name, flag, perm)
}
