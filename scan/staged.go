package scan

import (
	"context"
	"errors"
	"fmt"
	"io"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/rules"
)

// Staged scans what the next commit would add: every path whose staged
// blob differs from HEAD's. A credential already present in HEAD's
// version of the same file is not reported again, so editing a file that
// holds an old (already reported or baselined) secret does not block the
// commit; a new credential anywhere in a staged file does. Only the index
// and the HEAD trees along changed paths are read: neither history nor
// unchanged parts of the tree.
func (s *Scanner) Staged(ctx context.Context, path string, fn func(Finding)) (Stats, error) {
	repo, err := OpenRepository(path)
	if err != nil {
		return Stats{}, err
	}
	return s.StagedRepo(ctx, repo, fn)
}

// StagedRepo is Staged for an open repository.
func (s *Scanner) StagedRepo(ctx context.Context, repo *git.Repository, fn func(Finding)) (Stats, error) {
	var st Stats
	if err := s.check(); err != nil {
		return st, err
	}
	idx, err := repo.Storer.Index()
	if err != nil {
		return st, fmt.Errorf("reading the index: %w", err)
	}
	var headTree *object.Tree
	if head, err := repo.Head(); err == nil {
		c, err := object.GetCommit(repo.Storer, head.Hash())
		if err != nil {
			return st, fmt.Errorf("reading HEAD commit: %w", err)
		}
		if headTree, err = object.GetTree(repo.Storer, c.TreeHash); err != nil {
			return st, fmt.Errorf("reading HEAD tree: %w", err)
		}
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return st, fmt.Errorf("resolving HEAD: %w", err)
	}
	probs := newProblems()
	c := newCollector()
	seenPath := map[string]bool{}
	for _, e := range idx.Entries {
		if err := ctx.Err(); err != nil {
			probs.err()
			return st, err
		}
		if e.Mode == filemode.Submodule || seenPath[e.Name] {
			continue
		}
		seenPath[e.Name] = true
		var headBlob plumbing.Hash
		if headTree != nil {
			if he, err := headTree.FindEntry(e.Name); err == nil && he.Mode != filemode.Dir {
				headBlob = he.Hash
			}
		}
		if headBlob == e.Hash {
			continue // unchanged
		}
		if s.Rules.SkipPath(e.Name) {
			continue
		}
		ms, err := s.blobMatches(ctx, repo, e.Hash, e.Name, &st)
		if err != nil {
			if !errors.Is(err, ErrBinary) {
				probs.add(e.Name, e.Hash.String(), err)
			}
			continue
		}
		ms = append(ms, s.Rules.PathMatches(e.Name)...)
		if len(ms) == 0 {
			continue
		}
		old := map[string]bool{}
		if !headBlob.IsZero() {
			var ost Stats
			if oms, err := s.blobMatches(ctx, repo, headBlob, e.Name, &ost); err == nil {
				oc := newCollector()
				addMatches(oc, s.Rules, oms, Location{Path: e.Name}, true)
				for _, f := range oc.items {
					old[f.Fingerprint] = true
				}
			}
		}
		fc := newCollector()
		addMatches(fc, s.Rules, ms, Location{Path: e.Name, Blob: e.Hash.String()}, false)
		for _, f := range fc.items {
			if old[f.Fingerprint] {
				continue
			}
			for _, l := range f.Locations {
				c.add(f, l, false)
			}
		}
	}
	s.emit(c.sorted(pathLineLess), fn, &st)
	return st, probs.err()
}

// blobMatches reads one blob and matches it as the file path.
func (s *Scanner) blobMatches(ctx context.Context, repo *git.Repository, h plumbing.Hash, path string, st *Stats) ([]rules.Match, error) {
	obj, err := repo.Storer.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, fmt.Errorf("reading staged blob: %w", wrapMissing(err))
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading staged blob: %w", err)
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
