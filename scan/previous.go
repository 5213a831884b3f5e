package scan

import (
	"context"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/keyhound/keyhound/rules"
)

// blobFingerprints returns the fingerprints of the findings in blob h read
// as the file path: what an older version of a file already held. A blob
// that cannot be read holds nothing to subtract.
func (s *Scanner) blobFingerprints(ctx context.Context, repo *git.Repository, h plumbing.Hash, path string) map[string]bool {
	fps := map[string]bool{}
	var st Stats
	ms, err := s.blobMatches(ctx, repo, h, path, &st)
	if err != nil || len(ms) == 0 {
		return fps
	}
	return fingerprints(s.Rules, ms, Location{Path: path})
}

// addNew is addMatches for findings not already held by an older version
// of the file (old: fingerprints from blobFingerprints).
func addNew(c *collector, set *rules.Set, ms []rules.Match, loc Location, inHead bool, old map[string]bool) {
	forGroups(set, ms, loc, func(f Finding, l Location) {
		if !old[f.Fingerprint] {
			c.add(f, l, inHead)
		}
	})
}
