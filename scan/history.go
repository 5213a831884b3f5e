package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
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
// in *Errors after fn has received every finding that could be made. A
// scan whose context ends stops promptly, delivers the findings made so
// far (attributed to commits as far as it got, the rest to their blob
// ids) and returns an *InterruptedError.
func (s *Scanner) HistoryRepo(ctx context.Context, repo *git.Repository, fn func(Finding)) (Stats, error) {
	var st Stats
	if err := s.check(); err != nil {
		return st, err
	}
	probs := newProblems(&st)
	addStoreProblems(repo.Storer, probs)
	hits, present := s.scanBlobs(ctx, repo, &st, probs)
	// Interrupted, the scan still delivers what it found: attributed as
	// far as provenance got, the rest at their blob ids.
	during := "reading blobs"
	prov := newProvenanceResult()
	if ctx.Err() == nil {
		during = "attributing findings to commits"
		var err error
		// Commits and trees read straight from the packs (see
		// directObjects); tree delta chains are long, so the packs keep
		// 32 MiB of them.
		provRepo, closePacks := withDirectObjects(repo, min(s.maxTarget(), 1<<30), 32<<20)
		prov, err = s.provenance(ctx, provRepo, hits, present, &st, probs)
		closePacks()
		if err != nil && ctx.Err() == nil {
			probs.err()
			return st, err
		}
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
	c := s.newCollector(less)
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
	s.emit(c.sorted(), fn, &st)
	return st, finish(ctx, during, probs)
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
// set of every blob present (as far as it got when ctx ends).
func (s *Scanner) scanBlobs(ctx context.Context, repo *git.Repository, st *Stats, probs *problems) (*blobHits, map[plumbing.Hash]struct{}) {
	hits := &blobHits{matches: make(map[plumbing.Hash][]rules.Match)}
	present := make(map[plumbing.Hash]struct{})
	jobs := make(chan plumbing.EncodedObject, 4*s.workers())
	var done, matched int64
	var pass passage // objects gone through: the progress of the blob pass
	progress := s.progress()
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
				if ms, ok := s.memoLookup(h); ok {
					atomic.AddInt64(&st.Remembered, 1)
					if len(ms) > 0 {
						hits.mu.Lock()
						hits.matches[h] = ms
						hits.mu.Unlock()
						atomic.AddInt64(&matched, 1)
					}
					continue
				}
				ms, err := s.matchObject(ctx, obj, st)
				if s.Memo != nil && ctx.Err() == nil && (err == nil || errors.Is(err, ErrBinary)) {
					s.Memo.Record(h.String(), ms)
				}
				switch {
				case errors.Is(err, ErrBinary):
					atomic.AddInt64(&st.SkippedBinary, 1)
					continue
				case err != nil && ctx.Err() == nil:
					probs.add("", h.String(), err)
					continue
				case err == nil:
					atomic.AddInt64(&st.Files, 1)
				}
				// Matches of a blob cut short by the context are kept too.
				if len(ms) > 0 {
					hits.mu.Lock()
					hits.matches[h] = ms
					hits.mu.Unlock()
					n := atomic.AddInt64(&matched, 1)
					if progress != nil {
						progress(Progress{Phase: "blobs", Done: pass.passed.Load(), Total: pass.total.Load(), Matched: n, Bytes: atomic.LoadInt64(&st.Bytes)})
					}
				}
			}
		}()
	}
	iterErr := forEachBlob(ctx, repo, min(s.maxTarget(), 1<<30), &pass, func(obj plumbing.EncodedObject) error {
		if ctx.Err() != nil {
			return errStop
		}
		present[obj.Hash()] = struct{}{}
		d := atomic.AddInt64(&done, 1)
		if progress != nil && d%2000 == 0 {
			progress(Progress{Phase: "blobs", Done: pass.passed.Load(), Total: pass.total.Load(), Matched: atomic.LoadInt64(&matched), Bytes: atomic.LoadInt64(&st.Bytes)})
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
	return hits, present
}

func (s *Scanner) memoLookup(h plumbing.Hash) ([]rules.Match, bool) {
	if s.Memo == nil {
		return nil, false
	}
	return s.Memo.Lookup(h.String())
}

// matchObject reads one blob and matches it: small blobs whole, from a
// pooled buffer; large ones streamed in bounded chunks.
func (s *Scanner) matchObject(ctx context.Context, obj plumbing.EncodedObject, st *Stats) ([]rules.Match, error) {
	if pb, ok := obj.(*packedBlob); ok {
		if data, ok := pb.content(); ok {
			atomic.AddInt64(&st.Bytes, int64(len(data)))
			return s.matchBytes(ctx, data, "")
		}
	}
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

// provenance walks every commit once, oldest first (parents before
// children), and every (tree, path) once, recording for each blob with
// findings the paths it appears at and the first commit that has it
// there. It also reports blobs referenced but missing from the store.
// When ctx ends it returns what it has recorded so far with the error.
func (s *Scanner) provenance(ctx context.Context, repo *git.Repository, hits *blobHits, present map[plumbing.Hash]struct{}, st *Stats, probs *problems) (*provenanceResult, error) {
	res := newProvenanceResult()
	tips, err := refTips(repo, probs)
	if err != nil {
		return res, err
	}
	g, err := loadGraph(ctx, repo, tips, nil, probs)
	if err != nil {
		return res, err
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
		return res, err // what the walk reached is kept
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
