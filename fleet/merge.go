package fleet

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"

	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// MergeOptions configure Merge.
type MergeOptions struct {
	// NoRedact keeps the secrets in full in the merged findings (only
	// possible for shards scanned with KeepSecrets).
	NoRedact bool
	// Verify, when set, checks each distinct credential once (see
	// VerifyCache); it needs shards scanned with KeepSecrets.
	Verify func(ctx context.Context, c verify.Credential) verify.Result
	// Cache, when set, remembers verification results across merges.
	Cache *VerifyCache
	// MaxLocations bounds the locations a merged finding lists beyond
	// the first of each repository (always listed); 0 means 100. The rest
	// are counted in LocationsTotal.
	MaxLocations int
}

// Merged is the result of Merge.
type Merged struct {
	// Findings are one per credential, whatever the number of
	// repositories it is in, each location naming its repository.
	Findings []report.Finding
	// Incomplete names each shard that is missing or did not finish and
	// each repository that was not scanned completely: a merge with any
	// is not a clean result.
	Incomplete []string
	// Shards and Repositories count what was merged.
	Shards, Repositories int
	// Verified counts the credentials checked against an exchange in
	// this merge; Cached those whose result came from the cache.
	Verified, Cached int
}

type merging struct {
	f         report.Finding
	verify    string
	repos     map[string]bool
	redacted  bool
	locations int
}

// Merge joins shard directories. Shards must come from one plan; every
// shard of it must be among them. The same credential (fingerprint) in
// many repositories becomes one finding. Nothing incomplete passes
// silently: it is named in Merged.Incomplete.
func Merge(ctx context.Context, dirs []string, o MergeOptions) (*Merged, error) {
	if len(dirs) == 0 {
		return nil, errors.New("fleet: nothing to merge")
	}
	if o.MaxLocations <= 0 {
		o.MaxLocations = 100
	}
	out := &Merged{}
	byFP := map[string]*merging{}
	var order []string
	var plan string
	count := 0
	seen := map[int]string{}
	for _, dir := range dirs {
		m, err := ReadManifest(dir)
		if err != nil {
			out.Incomplete = append(out.Incomplete, fmt.Sprintf("%s: no shard manifest (%v)", dir, err))
			continue
		}
		sh, err := ParseShard(m.Shard)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		if plan == "" {
			plan, count = m.Plan, sh.Count
		} else if m.Plan != plan || sh.Count != count {
			return nil, fmt.Errorf("%s: shard %s of plan %s does not belong with shards of %d from plan %s", dir, m.Shard, m.Plan, count, plan)
		}
		if other, dup := seen[sh.Index]; dup {
			return nil, fmt.Errorf("%s and %s are both shard %s", other, dir, m.Shard)
		}
		seen[sh.Index] = dir
		out.Shards++
		if m.Finished == nil {
			out.Incomplete = append(out.Incomplete, fmt.Sprintf("shard %s (%s) did not finish", m.Shard, dir))
		}
		for _, r := range m.Repositories {
			out.Repositories++
			if !r.Complete {
				out.Incomplete = append(out.Incomplete, fmt.Sprintf("repository %s (shard %s): %s", r.ID, m.Shard, why(r)))
			}
		}
		err = ReadRecords(filepath.Join(dir, FindingsFile), func(r Record) error {
			it := byFP[r.Finding.Fingerprint]
			if it == nil {
				it = &merging{f: r.Finding, verify: r.Verify, repos: map[string]bool{}, redacted: m.Redacted}
				it.f.Locations = nil
				it.f.LocationsTotal = 0
				byFP[r.Finding.Fingerprint] = it
				order = append(order, r.Finding.Fingerprint)
			}
			newRepo := !it.repos[r.Repository]
			if newRepo {
				it.repos[r.Repository] = true
				it.f.InHead = it.f.InHead || r.Finding.InHead
				it.f.TestFixture = it.f.TestFixture && r.Finding.TestFixture
				it.f.Complete = it.f.Complete || r.Finding.Complete
				if !m.Redacted && it.redacted {
					it.f.Parts, it.redacted = r.Finding.Parts, false
				}
			}
			total := max(len(r.Finding.Locations), r.Finding.LocationsTotal)
			for i, l := range r.Finding.Locations {
				// Up to MaxLocations, and the first of every repository
				// whatever the count: no repository goes unnamed.
				if len(it.f.Locations) < o.MaxLocations || (i == 0 && newRepo) {
					l.Repository = r.Repository
					it.f.Locations = append(it.f.Locations, l)
				}
			}
			it.locations += total
			return nil
		})
		if errors.Is(err, fs.ErrNotExist) {
			out.Incomplete = append(out.Incomplete, fmt.Sprintf("shard %s (%s): no %s", m.Shard, dir, FindingsFile))
		} else if err != nil {
			return nil, err
		}
	}
	for i := 1; i <= count; i++ {
		if _, ok := seen[i]; !ok {
			out.Incomplete = append(out.Incomplete, fmt.Sprintf("shard %d/%d: not among the directories merged", i, count))
		}
	}
	sort.Strings(order)
	items := make([]*merging, len(order))
	for i, fp := range order {
		items[i] = byFP[fp]
	}
	if o.Verify != nil {
		if err := verifyOnce(ctx, items, o, out); err != nil {
			return nil, err
		}
	}
	for _, it := range items {
		sort.SliceStable(it.f.Locations, func(a, b int) bool { return it.f.Locations[a].Repository < it.f.Locations[b].Repository })
		if it.locations > len(it.f.Locations) {
			it.f.LocationsTotal = it.locations
		}
		if !o.NoRedact && !it.redacted {
			for j := range it.f.Parts {
				it.f.Parts[j].Value = scan.Redact(it.f.Parts[j].Value)
			}
		}
		out.Findings = append(out.Findings, it.f)
	}
	return out, nil
}

func why(r RepoResult) string {
	s := r.Status
	if len(r.Problems) > 0 {
		s += ": " + r.Problems[0]
		if n := max(len(r.Problems), r.ProblemsTotal); n > 1 {
			s += fmt.Sprintf(" (and %d more)", n-1)
		}
	}
	return s
}

// verifyOnce checks each distinct credential once: from the cache when
// it holds a fresh result, else against the exchange (engine.VerifyAll:
// 8 at a time; each exchange's own rate limit applies beneath). A
// finding stored redacted refuses the merge before any credential is
// sent.
func verifyOnce(ctx context.Context, items []*merging, o MergeOptions, out *Merged) error {
	var ask []*merging
	var found []scan.Finding
	for _, it := range items {
		if it.verify == "" {
			continue
		}
		if it.redacted {
			return fmt.Errorf("--verify needs the secrets: scan the shards with --keep-secrets (finding %s was stored redacted)", textsafe.Escape(it.f.Fingerprint[:min(len(it.f.Fingerprint), 12)]))
		}
		f := findingOf(it)
		if _, ok := engine.Credential(f); !ok {
			continue
		}
		if r, ok := o.Cache.get(cacheKey(it)); ok {
			it.f.Verification = r
			out.Cached++
			continue
		}
		ask = append(ask, it)
		found = append(found, f)
	}
	results := engine.VerifyAll(ctx, o.Verify, found, 8)
	for i, it := range ask {
		it.f.Verification = results[i]
		out.Verified++
		if ctx.Err() == nil {
			o.Cache.put(cacheKey(it), *results[i])
		}
	}
	return nil
}

// cacheKey names a credential in the VerifyCache: its verifier and
// fingerprint (a hash, never the secret).
func cacheKey(it *merging) string { return it.verify + "/" + it.f.Fingerprint }

// findingOf is the merged finding as the scanner's finding, for
// engine.Credential and engine.VerifyAll.
func findingOf(it *merging) scan.Finding {
	f := scan.Finding{Verify: it.verify}
	for _, p := range it.f.Parts {
		f.Parts = append(f.Parts, scan.Part{Part: rules.Part(p.Part), Value: p.Value})
	}
	return f
}
