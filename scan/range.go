package scan

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/rules"
)

// ParseRange splits a range as git writes it: "BASE..HEAD" (commits
// reachable from HEAD and not from BASE) or a single revision (everything
// reachable from it). An empty side of ".." is left out.
func ParseRange(spec string) (include, exclude []string, err error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, nil, errors.New("empty range")
	}
	if strings.Contains(spec, "...") {
		return nil, nil, fmt.Errorf("range %q: symmetric ranges (A...B) are not supported; use A..B", spec)
	}
	base, head, found := strings.Cut(spec, "..")
	if !found {
		return []string{spec}, nil, nil
	}
	if head == "" {
		head = "HEAD"
	}
	include = []string{head}
	if base != "" {
		exclude = []string{base}
	}
	return include, exclude, nil
}

// HistoryRange scans the commits reachable from the include revisions and
// not from the exclude revisions (git's exclude..include), reading only
// the blobs those commits introduced: blobs in their trees that the
// boundary commits (the excluded parents of the range) do not hold. A
// credential the boundary already held at the same path is not reported:
// editing a file with an old credential does not leak it again. With
// no exclude revisions, everything reachable from include is scanned.
// Revisions are what go-git resolves: branch and tag names, HEAD, full
// or abbreviated commit ids. An empty range scans nothing.
//
// This is the pull-request and push scan: its cost follows the size of
// the range, not of the repository. A scan whose context ends delivers
// the findings made so far and returns an *InterruptedError.
func (s *Scanner) HistoryRange(ctx context.Context, repo *git.Repository, include, exclude []string, fn func(Finding)) (Stats, error) {
	var st Stats
	if err := s.check(); err != nil {
		return st, err
	}
	inc, err := resolveAll(repo, include)
	if err != nil {
		return st, err
	}
	exc, err := resolveAll(repo, exclude)
	if err != nil {
		return st, err
	}
	probs := newProblems(&st)
	addStoreProblems(repo.Storer, probs)
	var stop map[plumbing.Hash]bool
	if len(exc) > 0 {
		if stop, err = reachable(ctx, repo, exc, probs); err != nil {
			return st, finishErr(ctx, "walking commits", probs, err)
		}
	}
	g, err := loadGraph(ctx, repo, inc, stop, probs)
	if err != nil {
		return st, finishErr(ctx, "walking commits", probs, err)
	}
	st.Commits = int64(len(g.nodes))

	// Blobs the boundary already had are not new in the range.
	base := map[plumbing.Hash]bool{}
	done := map[plumbing.Hash]bool{}
	for _, n := range g.nodes {
		for _, p := range n.parents {
			if stop[p] && !done[p] {
				done[p] = true
				if c, err := repo.CommitObject(p); err == nil {
					collectTreeBlobs(repo, c.TreeHash, base)
				} else {
					probs.add("", p.String(), fmt.Errorf("cannot read boundary commit: %w", wrapMissing(err)))
				}
			}
		}
	}
	res := newProvenanceResult()
	cand := map[plumbing.Hash][]Location{}
	var order []plumbing.Hash
	pathRules := s.Rules.HasPathRules()
	w := newTreeWalker(repo, probs, func(h plumbing.Hash, loc Location) {
		if base[h] {
			return
		}
		if _, ok := cand[h]; !ok {
			order = append(order, h)
		}
		cand[h] = append(cand[h], loc)
		if pathRules {
			for _, m := range s.Rules.PathMatches(loc.Path) {
				res.pathHits = append(res.pathHits, pathHit{m: m, loc: loc})
			}
		}
	})
	if err := s.walkGraph(ctx, g, w, res); err != nil {
		return st, finishErr(ctx, "walking commits", probs, err) // nothing matched yet
	}

	// Read and match the new blobs.
	matches := make(map[plumbing.Hash][]rules.Match)
	var matched int64
	progress := s.progress()
	var mu sync.Mutex
	jobs := make(chan plumbing.Hash)
	var wg sync.WaitGroup
	for i := 0; i < s.workers(); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for h := range jobs {
				if ctx.Err() != nil {
					continue
				}
				obj, err := repo.Storer.EncodedObject(plumbing.BlobObject, h)
				if err != nil {
					probs.add(cand[h][0].Path, h.String(), fmt.Errorf("blob referenced by commit %s: %w", cand[h][0].Commit[:12], wrapMissing(err)))
					continue
				}
				ms, err := s.matchObject(ctx, obj, &st)
				switch {
				case errors.Is(err, ErrBinary):
					atomic.AddInt64(&st.SkippedBinary, 1)
					continue
				case err != nil && ctx.Err() == nil:
					probs.add(cand[h][0].Path, h.String(), err)
					continue
				case err == nil:
					atomic.AddInt64(&st.Files, 1)
				}
				// Matches of a blob cut short by the context are kept too.
				if len(ms) > 0 {
					mu.Lock()
					matches[h] = ms
					mu.Unlock()
					n := atomic.AddInt64(&matched, 1)
					if progress != nil {
						progress(Progress{Phase: "blobs", Done: atomic.LoadInt64(&st.Files), Total: int64(len(order)), Matched: n, Bytes: atomic.LoadInt64(&st.Bytes)})
					}
				}
			}
		}()
	}
	for _, h := range order {
		if ctx.Err() != nil {
			break
		}
		jobs <- h
	}
	close(jobs)
	wg.Wait()
	// Interrupted, the blobs matched so far are still reported, at every
	// place the walk found them. Telling old credentials from new ones
	// reads the boundary's versions of those files only: that is done
	// even after an interruption, so an interrupted report does not
	// present old credentials as new.
	during := "reading blobs"
	subtractCtx := context.WithoutCancel(ctx)

	headBlobs(repo, res.head)
	// A credential the boundary already had at the same path is not new:
	// editing a file that holds an old (reported, baselined) credential
	// does not make a pull request leak it again.
	var bounds []*headTrees
	for p := range done {
		if c, err := repo.CommitObject(p); err == nil {
			bounds = append(bounds, &headTrees{repo: repo, root: c.TreeHash, trees: map[string]*object.Tree{}})
		}
	}
	baseFPs := map[string]map[string]bool{} // blob+path -> fingerprints
	less := func(a, b Location) bool {
		if oa, ob := res.order[a.Commit], res.order[b.Commit]; oa != ob {
			return oa < ob
		}
		return pathLineLess(a, b)
	}
	c := s.newCollector(less)
	for _, h := range order {
		ms, ok := matches[h]
		if !ok {
			continue
		}
		for _, l := range cand[h] {
			old := map[string]bool{}
			for _, b := range bounds {
				bh := b.blob(l.Path)
				if bh.IsZero() || bh == h {
					continue
				}
				k := bh.String() + "\x00" + l.Path
				if _, ok := baseFPs[k]; !ok {
					baseFPs[k] = s.blobFingerprints(subtractCtx, repo, bh, l.Path)
				}
				for fp := range baseFPs[k] {
					old[fp] = true
				}
			}
			addNew(c, s.Rules, ms, l, res.head[h], old)
		}
	}
	for _, pm := range res.pathHits {
		addMatches(c, s.Rules, []rules.Match{pm.m}, pm.loc, res.head[plumbing.NewHash(pm.loc.Blob)])
	}
	s.emit(c.sorted(), fn, &st)
	return st, finish(ctx, during, probs)
}

// resolveAll resolves revisions to commit ids.
func resolveAll(repo *git.Repository, revs []string) ([]plumbing.Hash, error) {
	var out []plumbing.Hash
	for _, r := range revs {
		h, err := repo.ResolveRevision(plumbing.Revision(r))
		if err != nil {
			return nil, fmt.Errorf("revision %q: %w", r, err)
		}
		out = append(out, *h)
	}
	return out, nil
}
