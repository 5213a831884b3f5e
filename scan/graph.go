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
		w.walk(n.tree, "")
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
type treeWalker struct {
	repo    *git.Repository
	seen    map[string]struct{} // tree hash + path already walked
	seenLoc map[string]bool     // blob hash + path already reported
	missing map[plumbing.Hash]bool
	probs   *problems
	commit  *commitNode
	onBlob  func(plumbing.Hash, Location)
}

func newTreeWalker(repo *git.Repository, probs *problems, onBlob func(plumbing.Hash, Location)) *treeWalker {
	return &treeWalker{
		repo:    repo,
		seen:    make(map[string]struct{}),
		seenLoc: make(map[string]bool),
		missing: make(map[plumbing.Hash]bool),
		probs:   probs,
		onBlob:  onBlob,
	}
}

// walk visits a tree at a path prefix unless that (tree, path) was
// already visited: a tree seen once at a path holds nothing new there.
func (w *treeWalker) walk(tree plumbing.Hash, prefix string) {
	key := string(tree[:]) + prefix
	if _, ok := w.seen[key]; ok {
		return
	}
	w.seen[key] = struct{}{}
	t, err := object.GetTree(w.repo.Storer, tree)
	if err != nil {
		if !w.missing[tree] {
			w.missing[tree] = true
			w.probs.add(prefix, tree.String(), fmt.Errorf("tree referenced by commit %s: %w", w.commit.hash.String()[:12], wrapMissing(err)))
		}
		return
	}
	for _, e := range t.Entries {
		p := e.Name
		if prefix != "" {
			p = prefix + "/" + e.Name
		}
		switch e.Mode {
		case filemode.Dir:
			w.walk(e.Hash, p)
		case filemode.Submodule:
			// A gitlink names a commit of another repository: nothing here to read.
		default:
			lk := string(e.Hash[:]) + p
			if w.seenLoc[lk] {
				continue
			}
			w.seenLoc[lk] = true
			if w.missing[e.Hash] {
				continue
			}
			w.onBlob(e.Hash, Location{
				Commit:  w.commit.hash.String(),
				Path:    p,
				Author:  w.commit.author,
				Email:   w.commit.email,
				Date:    w.commit.when,
				Blob:    e.Hash.String(),
				Message: w.commit.msg,
			})
		}
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
