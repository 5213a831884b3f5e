package scan

import (
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The commit graph and tree walks that history and range scans share.

type commitNode struct {
	hash     plumbing.Hash
	parents  []plumbing.Hash
	children []int
	tree     plumbing.Hash
	when     time.Time
	author   string
	email    string
	msg      string
	pending  int // parents not yet emitted
}

// commitGraph is the part of the commit graph a scan walks.
type commitGraph struct {
	nodes []*commitNode
	index map[plumbing.Hash]int // -1: unreadable or excluded
}

// loadGraph loads the commits reachable from tips, stopping at commits in
// stop (which are left out) and at the shallow boundary (reported once).
func loadGraph(ctx context.Context, repo *git.Repository, tips []plumbing.Hash, stop map[plumbing.Hash]bool, probs *problems) (*commitGraph, error) {
	shallow := map[plumbing.Hash]bool{}
	if sh, err := repo.Storer.Shallow(); err == nil {
		for _, h := range sh {
			shallow[h] = true
		}
	}
	g := &commitGraph{index: map[plumbing.Hash]int{}}
	stack := append([]plumbing.Hash(nil), tips...)
	hitShallow := false
	for len(stack) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, ok := g.index[h]; ok {
			continue
		}
		if stop[h] {
			g.index[h] = -1
			continue
		}
		c, err := object.GetCommit(repo.Storer, h)
		if err != nil {
			probs.add("", h.String(), fmt.Errorf("cannot read commit: %w", wrapMissing(err)))
			g.index[h] = -1
			continue
		}
		n := &commitNode{hash: h, tree: c.TreeHash, when: c.Committer.When, author: c.Author.Name, email: c.Author.Email, msg: firstLine(c.Message)}
		if shallow[h] {
			hitShallow = true
		} else {
			n.parents = c.ParentHashes
		}
		g.index[h] = len(g.nodes)
		g.nodes = append(g.nodes, n)
		stack = append(stack, n.parents...)
	}
	if hitShallow {
		probs.add("", "", ErrShallow)
	}
	for i, n := range g.nodes {
		for _, p := range n.parents {
			if pi := g.index[p]; pi >= 0 {
				g.nodes[pi].children = append(g.nodes[pi].children, i)
				n.pending++
			}
		}
	}
	return g, nil
}

// reachable returns every commit reachable from tips (commit ids only).
func reachable(ctx context.Context, repo *git.Repository, tips []plumbing.Hash, probs *problems) (map[plumbing.Hash]bool, error) {
	g, err := loadGraph(ctx, repo, tips, nil, probs)
	if err != nil {
		return nil, err
	}
	out := make(map[plumbing.Hash]bool, len(g.nodes))
	for _, n := range g.nodes {
		out[n.hash] = true
	}
	return out, nil
}

// walkGraph visits the commits in topological order, oldest commit time
// first among those ready, walking each one's tree with w.
func (s *Scanner) walkGraph(ctx context.Context, g *commitGraph, w *treeWalker, res *provenanceResult) error {
	ready := &commitHeap{nodes: g.nodes}
	for i, n := range g.nodes {
		if n.pending == 0 {
			heap.Push(ready, i)
		}
	}
	pos := 0
	for ready.Len() > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		i := heap.Pop(ready).(int)
		n := g.nodes[i]
		res.order[n.hash.String()] = pos
		pos++
		if s.Progress != nil && pos%1000 == 0 {
			s.Progress(Progress{Phase: "provenance", Done: int64(pos), Total: int64(len(g.nodes))})
		}
		w.commit = n
		w.walk(n.tree)
		for _, ch := range n.children {
			g.nodes[ch].pending--
			if g.nodes[ch].pending == 0 {
				heap.Push(ready, ch)
			}
		}
	}
	return nil
}

// collectTreeBlobs adds every blob id under tree to set, reading only
// tree objects.
func collectTreeBlobs(repo *git.Repository, tree plumbing.Hash, set map[plumbing.Hash]bool) {
	t, err := object.GetTree(repo.Storer, tree)
	if err != nil {
		return
	}
	for _, e := range t.Entries {
		switch e.Mode {
		case filemode.Dir:
			collectTreeBlobs(repo, e.Hash, set)
		case filemode.Submodule:
		default:
			set[e.Hash] = true
		}
	}
}

// treeWalker visits trees, calling onBlob for each (blob, path) the
// first time it is seen, with the location of the commit being walked.
// Paths are interned as a tree of numbers: a path that occurs in many
// versions of a tree is built once, and the seen sets key on (object,
// path number) instead of concatenated strings.
type treeWalker struct {
	trees    treeReader
	paths    []string              // path number -> path ("" for the root)
	children []map[string]uint32   // path number -> child name -> number
	seen     map[objectAt]struct{} // trees already walked at a path
	seenLoc  map[objectAt]struct{} // blobs already reported at a path
	missing  map[plumbing.Hash]bool
	probs    *problems
	commit   *commitNode
	onBlob   func(plumbing.Hash, Location)
}

// objectAt is an object at a path number.
type objectAt struct {
	h    plumbing.Hash
	path uint32
}

func newTreeWalker(repo *git.Repository, probs *problems, onBlob func(plumbing.Hash, Location)) *treeWalker {
	return &treeWalker{
		trees:    treeReaderOf(repo),
		paths:    []string{""},
		children: []map[string]uint32{nil},
		seen:     make(map[objectAt]struct{}),
		seenLoc:  make(map[objectAt]struct{}),
		missing:  make(map[plumbing.Hash]bool),
		probs:    probs,
		onBlob:   onBlob,
	}
}

// child returns the number of the path name under the path parent.
func (w *treeWalker) child(parent uint32, name []byte) uint32 {
	m := w.children[parent]
	if id, ok := m[string(name)]; ok {
		return id
	}
	if m == nil {
		m = map[string]uint32{}
		w.children[parent] = m
	}
	p := string(name)
	if parent != 0 {
		p = w.paths[parent] + "/" + p
	}
	id := uint32(len(w.paths))
	w.paths = append(w.paths, p)
	w.children = append(w.children, nil)
	m[string(name)] = id
	return id
}

// walk visits the root tree of the commit being walked.
func (w *treeWalker) walk(tree plumbing.Hash) { w.walkAt(tree, 0) }

// walkAt visits a tree at a path unless that (tree, path) was already
// visited: a tree seen once at a path holds nothing new there.
func (w *treeWalker) walkAt(tree plumbing.Hash, path uint32) {
	key := objectAt{tree, path}
	if _, ok := w.seen[key]; ok {
		return
	}
	w.seen[key] = struct{}{}
	data, err := w.trees.tree(tree)
	if err != nil {
		if !w.missing[tree] {
			w.missing[tree] = true
			w.probs.add(w.paths[path], tree.String(), fmt.Errorf("tree referenced by commit %s: %w", w.commit.hash.String()[:12], wrapMissing(err)))
		}
		return
	}
	err = eachTreeEntry(data, func(mode filemode.FileMode, name []byte, h plumbing.Hash) {
		switch mode {
		case filemode.Dir:
			w.walkAt(h, w.child(path, name))
		case filemode.Submodule:
			// A gitlink names a commit of another repository: nothing here to read.
		default:
			id := w.child(path, name)
			lk := objectAt{h, id}
			if _, ok := w.seenLoc[lk]; ok {
				return
			}
			w.seenLoc[lk] = struct{}{}
			if w.missing[h] {
				return
			}
			w.onBlob(h, Location{
				Commit:  w.commit.hash.String(),
				Path:    w.paths[id],
				Author:  w.commit.author,
				Email:   w.commit.email,
				Date:    w.commit.when,
				Blob:    h.String(),
				Message: w.commit.msg,
			})
		}
	})
	if err != nil && !w.missing[tree] {
		w.missing[tree] = true
		w.probs.add(w.paths[path], tree.String(), fmt.Errorf("tree referenced by commit %s: %w", w.commit.hash.String()[:12], err))
	}
}

func wrapMissing(err error) error {
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return ErrMissingObject
	}
	return err
}

// refTips resolves every reference (and HEAD) to a commit.
func refTips(repo *git.Repository, probs *problems) ([]plumbing.Hash, error) {
	refs, err := repo.References()
	if err != nil {
		return nil, fmt.Errorf("reading references: %w", err)
	}
	seen := map[plumbing.Hash]bool{}
	var tips []plumbing.Hash
	add := func(name string, h plumbing.Hash) {
		// Peel annotated tags.
		for i := 0; i < 10; i++ {
			obj, err := repo.Storer.EncodedObject(plumbing.AnyObject, h)
			if err != nil {
				probs.add("", h.String(), fmt.Errorf("reference %s: %w", name, wrapMissing(err)))
				return
			}
			if obj.Type() != plumbing.TagObject {
				if obj.Type() == plumbing.CommitObject && !seen[h] {
					seen[h] = true
					tips = append(tips, h)
				}
				return
			}
			tag, err := object.DecodeTag(repo.Storer, obj)
			if err != nil {
				probs.add("", h.String(), fmt.Errorf("reference %s: %w", name, err))
				return
			}
			h = tag.Target
		}
	}
	err = refs.ForEach(func(r *plumbing.Reference) error {
		if r.Type() == plumbing.HashReference {
			add(r.Name().String(), r.Hash())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading references: %w", err)
	}
	if head, err := repo.Head(); err == nil {
		add("HEAD", head.Hash())
	}
	sortHashes(tips)
	return tips, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

func sortHashes(hs []plumbing.Hash) {
	sort.Slice(hs, func(i, j int) bool { return bytes.Compare(hs[i][:], hs[j][:]) < 0 })
}

// commitHeap orders ready commits oldest first, then by hash.
type commitHeap struct {
	nodes []*commitNode
	items []int
}

func (h *commitHeap) Len() int { return len(h.items) }
func (h *commitHeap) Less(i, j int) bool {
	a, b := h.nodes[h.items[i]], h.nodes[h.items[j]]
	if !a.when.Equal(b.when) {
		return a.when.Before(b.when)
	}
	return a.hash.String() < b.hash.String()
}
func (h *commitHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *commitHeap) Push(x any)    { h.items = append(h.items, x.(int)) }
func (h *commitHeap) Pop() any {
	n := len(h.items)
	x := h.items[n-1]
	h.items = h.items[:n-1]
	return x
}
