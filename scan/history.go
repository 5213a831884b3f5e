package scan

import (
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/keyhound/keyhound/rules"
)

// ErrShallow is reported (as a Problem) for a shallow clone: commits
// before the shallow boundary are not in the repository, so their blobs
// were not scanned.
var ErrShallow = errors.New("shallow clone: history before the shallow boundary is not in the repository and was not scanned (fetch with --unshallow for a full scan)")

// ErrMissingObject is wrapped by Problems about objects a commit or tree
// refers to that the repository does not hold (a partial clone, a
// corrupt pack, an object store with large blobs left out).
var ErrMissingObject = errors.New("object missing from the repository")

// OpenRepository opens the git repository at path (a work tree, a
// subdirectory of one, or a bare repository) with go-git: no git binary
// is needed.
func OpenRepository(path string) (*git.Repository, error) {
	// As given first: a work tree root or a bare repository (go-git's
	// DetectDotGit looks only for a .git entry, so it misses bare ones);
	// then upwards from a subdirectory.
	r, err := git.PlainOpenWithOptions(path, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		r, err = git.PlainOpenWithOptions(path, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	}
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("%s: not a git repository", path)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Reopen the same object store with a large-object threshold, so big
	// blobs are streamed rather than inflated whole into memory, and with
	// the alternates it names (git clone --shared, --reference).
	if fss, ok := r.Storer.(*filesystem.Storage); ok {
		var wt billy.Filesystem
		if w, err := r.Worktree(); err == nil {
			wt = w.Filesystem
		}
		if r2, err := git.Open(newObjectStorage(fss.Filesystem()), wt); err == nil {
			r = r2
		}
	}
	return r, nil
}

// History scans every blob reachable in the repository at path (all
// refs, all commits), reading each unique blob once. See HistoryRepo.
func (s *Scanner) History(ctx context.Context, path string, fn func(Finding)) (Stats, error) {
	repo, err := OpenRepository(path)
	if err != nil {
		return Stats{}, err
	}
	return s.HistoryRepo(ctx, repo, fn)
}

// HistoryRepo scans a repository's full history. Every blob in the object
// store is read once and matched in parallel; then one pass over the
// commits, which visits each (tree, path) once, attributes the blobs that
// had findings to the commits that introduced them, their paths, authors
// and dates. The same credential in many blobs is one Finding with all
// its Locations, oldest first. Blobs that no ref reaches are reported
// with a Location holding only the blob id.
//
// Problems (missing or corrupt objects, a shallow boundary) are returned
// in *Errors after fn has received every finding that could be made.
func (s *Scanner) HistoryRepo(ctx context.Context, repo *git.Repository, fn func(Finding)) (Stats, error) {
	var st Stats
	if err := s.check(); err != nil {
		return st, err
	}
	probs := newProblems()
	addStoreProblems(repo.Storer, probs)
	hits, present, err := s.scanBlobs(ctx, repo, &st, probs)
	if err != nil {
		probs.err()
		return st, err
	}
	if err := ctx.Err(); err != nil {
		probs.err()
		return st, err
	}
	prov, err := s.provenance(ctx, repo, hits, present, &st, probs)
	if err != nil {
		probs.err()
		return st, err
	}
	c := newCollector()
	for _, h := range hits.order {
		ms := hits.matches[h]
		locs := prov.locations[h]
		inHead := prov.head[h]
		if len(locs) == 0 {
			addMatches(c, s.Rules, ms, Location{Blob: h.String()}, false)
			continue
		}
		for _, l := range locs {
			addMatches(c, s.Rules, ms, l, inHead)
		}
	}
	for _, pm := range prov.pathHits {
		addMatches(c, s.Rules, []rules.Match{pm.m}, pm.loc, prov.head[plumbing.NewHash(pm.loc.Blob)])
	}
	order := prov.order
	less := func(a, b Location) bool {
		oa, okA := order[a.Commit]
		ob, okB := order[b.Commit]
		if okA != okB {
			return okA // attributed locations before unreachable blobs
		}
		if oa != ob {
			return oa < ob
		}
		return pathLineLess(a, b)
	}
	s.emit(c.sorted(less), fn, &st)
	return st, probs.err()
}

// blobHits holds the matches of every blob that had any.
type blobHits struct {
	mu      sync.Mutex
	matches map[plumbing.Hash][]rules.Match
	order   []plumbing.Hash // deterministic: sorted after the scan
}

var blobBufs = sync.Pool{New: func() any { b := make([]byte, 0, 256<<10); return &b }}

// scanBlobs reads every blob of the object store once and matches it on
// the worker goroutines; the workers also inflate the objects, so reading
// is spread over the cores too. It returns the blobs with matches and the
// set of every blob present.
func (s *Scanner) scanBlobs(ctx context.Context, repo *git.Repository, st *Stats, probs *problems) (*blobHits, map[plumbing.Hash]struct{}, error) {
	hits := &blobHits{matches: make(map[plumbing.Hash][]rules.Match)}
	present := make(map[plumbing.Hash]struct{})
	jobs := make(chan plumbing.EncodedObject, 4*s.workers())
	var wg sync.WaitGroup
	for i := 0; i < s.workers(); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for obj := range jobs {
				if ctx.Err() != nil {
					continue
				}
				h := obj.Hash()
				ms, err := s.matchObject(ctx, obj, st)
				switch {
				case errors.Is(err, ErrBinary):
					atomic.AddInt64(&st.SkippedBinary, 1)
				case err != nil:
					if ctx.Err() == nil {
						probs.add("", h.String(), err)
					}
				default:
					atomic.AddInt64(&st.Files, 1)
					if len(ms) > 0 {
						hits.mu.Lock()
						hits.matches[h] = ms
						hits.mu.Unlock()
					}
				}
			}
		}()
	}
	var done int64
	iterErr := forEachBlob(repo, func(obj plumbing.EncodedObject) error {
		if ctx.Err() != nil {
			return errStop
		}
		present[obj.Hash()] = struct{}{}
		done++
		if s.Progress != nil && done%2000 == 0 {
			s.Progress(Progress{Phase: "blobs", Done: done, Bytes: atomic.LoadInt64(&st.Bytes)})
		}
		select {
		case jobs <- obj:
		case <-ctx.Done():
			return errStop
		}
		return nil
	}, func(object string, err error) {
		probs.add("", object, err)
		if object != "" {
			present[plumbing.NewHash(object)] = struct{}{} // reported: not "missing" too
		}
	})
	close(jobs)
	wg.Wait()
	if iterErr != nil && !errors.Is(iterErr, errStop) {
		probs.add("", "", fmt.Errorf("object store iteration stopped: %w", iterErr))
	}
	for h := range hits.matches {
		hits.order = append(hits.order, h)
	}
	sortHashes(hits.order)
	return hits, present, nil
}

// matchObject reads one blob and matches it: small blobs whole, from a
// pooled buffer; large ones streamed in bounded chunks.
func (s *Scanner) matchObject(ctx context.Context, obj plumbing.EncodedObject, st *Stats) ([]rules.Match, error) {
	r, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("cannot read blob: %w", err)
	}
	defer r.Close()
	size, _ := s.chunk()
	if obj.Size() > int64(size) {
		ms, n, err := s.matchReader(ctx, r, "")
		atomic.AddInt64(&st.Bytes, n)
		if err != nil && !errors.Is(err, ErrBinary) {
			err = fmt.Errorf("reading blob: %w", err)
		}
		return ms, err
	}
	bp := blobBufs.Get().(*[]byte)
	defer blobBufs.Put(bp)
	if int64(cap(*bp)) < obj.Size() {
		*bp = make([]byte, 0, obj.Size())
	}
	buf := (*bp)[:obj.Size()]
	n, err := io.ReadFull(r, buf)
	atomic.AddInt64(&st.Bytes, int64(n))
	if err != nil {
		return nil, fmt.Errorf("reading blob: %w", err)
	}
	return s.matchBytes(ctx, buf, "")
}

// provenanceResult says where the blobs with findings occur.
type provenanceResult struct {
	locations map[plumbing.Hash][]Location // blob -> every (path, introducing commit)
	head      map[plumbing.Hash]bool       // blobs present in HEAD's tree
	order     map[string]int               // commit -> position, oldest first
	pathHits  []pathHit
}

type pathHit struct {
	m   rules.Match
	loc Location
}

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

// provenance walks every commit once, oldest first (parents before
// children), and every (tree, path) once, recording for each blob with
// findings the paths it appears at and the first commit that has it
// there. It also reports blobs referenced but missing from the store.
func (s *Scanner) provenance(ctx context.Context, repo *git.Repository, hits *blobHits, present map[plumbing.Hash]struct{}, st *Stats, probs *problems) (*provenanceResult, error) {
	res := newProvenanceResult()
	tips, err := refTips(repo, probs)
	if err != nil {
		return nil, err
	}
	g, err := loadGraph(ctx, repo, tips, nil, probs)
	if err != nil {
		return nil, err
	}
	st.Commits = int64(len(g.nodes))
	pathRules := s.Rules.HasPathRules()
	missing := map[plumbing.Hash]bool{}
	w := newTreeWalker(repo, probs, func(h plumbing.Hash, loc Location) {
		if _, ok := present[h]; !ok {
			if !missing[h] {
				missing[h] = true
				probs.add(loc.Path, h.String(), fmt.Errorf("blob referenced by commit %s: %w", loc.Commit[:12], ErrMissingObject))
			}
			return
		}
		if _, hit := hits.matches[h]; hit {
			res.locations[h] = append(res.locations[h], loc)
		}
		if pathRules {
			for _, m := range s.Rules.PathMatches(loc.Path) {
				res.pathHits = append(res.pathHits, pathHit{m: m, loc: loc})
			}
		}
	})
	if err := s.walkGraph(ctx, g, w, res); err != nil {
		return nil, err
	}
	headBlobs(repo, res.head)
	return res, nil
}

func newProvenanceResult() *provenanceResult {
	return &provenanceResult{
		locations: make(map[plumbing.Hash][]Location),
		head:      make(map[plumbing.Hash]bool),
		order:     make(map[string]int),
	}
}

// headBlobs adds every blob of HEAD's tree to set.
func headBlobs(repo *git.Repository, set map[plumbing.Hash]bool) {
	head, err := repo.Head()
	if err != nil {
		return
	}
	c, err := object.GetCommit(repo.Storer, head.Hash())
	if err != nil {
		return
	}
	collectTreeBlobs(repo, c.TreeHash, set)
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
