package scan

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/rules"
)

// Staged scans what the next commit would add: every path whose staged
// blob differs from HEAD's. A credential already present in HEAD's
// version of the same file is not reported again, so editing a file that
// holds an old (already reported or baselined) secret does not block the
// commit; a new credential anywhere in a staged file does. Only the index
// and the HEAD trees along changed paths are read: neither history nor
// unchanged parts of the tree. A scan whose context ends delivers the
// findings made so far and returns an *InterruptedError.
func (s *Scanner) Staged(ctx context.Context, path string, fn func(Finding)) (Stats, error) {
	repo, err := OpenRepository(path)
	if err != nil {
		return Stats{}, err
	}
	return s.StagedRepo(ctx, repo, fn)
}

// StagedRepo is Staged for an open repository.
func (s *Scanner) StagedRepo(ctx context.Context, repo *git.Repository, fn func(Finding)) (Stats, error) {
	return s.StagedIndex(ctx, repo, "", fn)
}

// StagedIndex is Staged with the index read from indexFile instead of the
// repository's own ("" for the repository's). git runs pre-commit hooks
// for `git commit -a` and `git commit PATHS` with a temporary index named
// by GIT_INDEX_FILE: a hook must scan that one, or those commits pass
// unchecked.
func (s *Scanner) StagedIndex(ctx context.Context, repo *git.Repository, indexFile string, fn func(Finding)) (Stats, error) {
	var st Stats
	if err := s.check(); err != nil {
		return st, err
	}
	// A few objects of what may be a large repository: read them
	// directly rather than through go-git's whole-index structures.
	repo, closeObjects := withDirectObjects(repo, min(s.maxTarget(), 1<<30), 16<<20)
	defer closeObjects()
	var idx *index.Index
	var err error
	if indexFile == "" {
		idx, err = repo.Storer.Index()
	} else {
		idx, err = readIndexFile(indexFile)
	}
	if err != nil {
		return st, fmt.Errorf("reading the index: %w", err)
	}
	var headRoot plumbing.Hash
	if head, err := repo.Head(); err == nil {
		c, err := object.GetCommit(repo.Storer, head.Hash())
		if err != nil {
			return st, fmt.Errorf("reading HEAD commit: %w", err)
		}
		headRoot = c.TreeHash
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return st, fmt.Errorf("resolving HEAD: %w", err)
	}
	heads := &headTrees{repo: repo, root: headRoot, trees: map[string]*object.Tree{}}
	clean := map[string]bool{}
	// The cache-tree extension is trusted only when go-git decoded it
	// whole: go-git drops invalidated entries, which shifts the pre-order
	// list, and invalidating a directory invalidates its ancestors, so a
	// root entry at the head of a fully consumed list means every entry
	// survived. (In practice: the nothing-staged fast path.)
	if idx.Cache != nil && len(idx.Cache.Entries) > 0 && idx.Cache.Entries[0].Path == "" {
		if node, n := parseCacheTree(idx.Cache.Entries, 0); node != nil && n == len(idx.Cache.Entries) {
			heads.cleanDirs(node, headRoot, "", clean)
		}
	}
	probs := newProblems(&st)
	addStoreProblems(repo.Storer, probs)
	c := s.newCollector(pathLineLess)
	seenPath := map[string]bool{}
	var matched int64
	for _, e := range idx.Entries {
		if ctx.Err() != nil {
			break // interrupted: deliver what was found
		}
		if e.Mode == filemode.Submodule || seenPath[e.Name] {
			continue
		}
		seenPath[e.Name] = true
		if inCleanDir(e.Name, clean) {
			continue // the cache-tree says this directory matches HEAD
		}
		headBlob := heads.blob(e.Name)
		if headBlob == e.Hash {
			continue // unchanged
		}
		if s.Rules.SkipPath(e.Name) {
			continue
		}
		ms, err := s.blobMatches(ctx, repo, e.Hash, e.Name, &st)
		if err != nil {
			if !errors.Is(err, ErrBinary) && ctx.Err() == nil {
				probs.add(e.Name, e.Hash.String(), err)
			}
			continue
		}
		ms = append(ms, s.Rules.PathMatches(e.Name)...)
		if len(ms) == 0 {
			continue
		}
		var old map[string]bool
		if !headBlob.IsZero() {
			// Read whole even when interrupted meanwhile: an old
			// credential must not be reported as new.
			old = s.blobFingerprints(context.WithoutCancel(ctx), repo, headBlob, e.Name)
		}
		addNew(c, s.Rules, ms, Location{Path: e.Name, Blob: e.Hash.String()}, false, old)
		matched++
		if s.Progress != nil {
			s.Progress(Progress{Phase: "files", Done: st.Files, Matched: matched, Bytes: st.Bytes})
		}
	}
	s.emit(c.sorted(), fn, &st)
	return st, finish(ctx, "reading staged files", probs)
}

// blobMatches reads one blob and matches it as the file path.
func (s *Scanner) blobMatches(ctx context.Context, repo *git.Repository, h plumbing.Hash, path string, st *Stats) ([]rules.Match, error) {
	obj, err := repo.Storer.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, fmt.Errorf("reading blob: %w", wrapMissing(err))
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading blob: %w", err)
	}
	defer r.Close()
	ms, n, err := s.matchReader(ctx, r, path)
	st.Bytes += n
	if errors.Is(err, ErrBinary) {
		st.SkippedBinary++
		return nil, err
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	st.Files++
	return ms, nil
}

// cacheNode is a directory of the index's cache-tree extension: the tree
// id the index content under it would have, when still valid.
type cacheNode struct {
	name    string
	entries int // -1: invalidated by a change below
	hash    plumbing.Hash
	kids    []*cacheNode
}

// parseCacheTree rebuilds the cache-tree from its pre-order entry list.
func parseCacheTree(es []index.TreeEntry, i int) (*cacheNode, int) {
	if i >= len(es) {
		return nil, i
	}
	e := es[i]
	n := &cacheNode{name: e.Path, entries: e.Entries, hash: e.Hash}
	i++
	for k := 0; k < e.Trees; k++ {
		var kid *cacheNode
		kid, i = parseCacheTree(es, i)
		if kid == nil {
			break
		}
		n.kids = append(n.kids, kid)
	}
	return n, i
}

// headTrees looks paths up in HEAD's tree, decoding each tree once.
type headTrees struct {
	repo  *git.Repository
	root  plumbing.Hash
	trees map[string]*object.Tree // dir ("" for the root) -> tree; nil: absent
}

func (h *headTrees) tree(dir string) *object.Tree {
	if t, ok := h.trees[dir]; ok {
		return t
	}
	var t *object.Tree
	if dir == "" {
		if !h.root.IsZero() {
			t, _ = object.GetTree(h.repo.Storer, h.root)
		}
	} else {
		parent, name := "", dir
		if i := strings.LastIndexByte(dir, '/'); i >= 0 {
			parent, name = dir[:i], dir[i+1:]
		}
		if pt := h.tree(parent); pt != nil {
			for _, e := range pt.Entries {
				if e.Name == name && e.Mode == filemode.Dir {
					t, _ = object.GetTree(h.repo.Storer, e.Hash)
					break
				}
			}
		}
	}
	h.trees[dir] = t
	return t
}

// blob returns HEAD's blob at path, or the zero hash.
func (h *headTrees) blob(path string) plumbing.Hash {
	dir, name := "", path
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		dir, name = path[:i], path[i+1:]
	}
	t := h.tree(dir)
	if t == nil {
		return plumbing.ZeroHash
	}
	for _, e := range t.Entries {
		if e.Name == name && e.Mode != filemode.Dir && e.Mode != filemode.Submodule {
			return e.Hash
		}
	}
	return plumbing.ZeroHash
}

// cleanDirs records the directories (as "dir/" prefixes, "" for the
// root) whose valid cache-tree id equals HEAD's tree there: nothing under
// them is staged, and HEAD's subtree need not even be read.
func (h *headTrees) cleanDirs(n *cacheNode, headHash plumbing.Hash, prefix string, out map[string]bool) {
	if n.entries >= 0 && !headHash.IsZero() && n.hash == headHash {
		out[prefix] = true
		return
	}
	dir := strings.TrimSuffix(prefix, "/")
	var t *object.Tree
	if !headHash.IsZero() {
		t = h.tree(dir)
	}
	for _, kid := range n.kids {
		var kh plumbing.Hash
		if t != nil {
			for _, e := range t.Entries {
				if e.Name == kid.name && e.Mode == filemode.Dir {
					kh = e.Hash
					break
				}
			}
		}
		h.cleanDirs(kid, kh, prefix+kid.name+"/", out)
	}
}

// inCleanDir reports whether path lies under a clean directory.
func inCleanDir(path string, clean map[string]bool) bool {
	if len(clean) == 0 {
		return false
	}
	if clean[""] {
		return true
	}
	for i := 0; i < len(path); i++ {
		if path[i] == '/' && clean[path[:i+1]] {
			return true
		}
	}
	return false
}

func readIndexFile(path string) (*index.Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	idx := &index.Index{}
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(idx); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return idx, nil
}
