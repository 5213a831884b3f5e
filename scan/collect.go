package scan

import (
	"sort"
	"strconv"

	"github.com/keyhound/keyhound/rules"
)

// DefaultMaxLocations is how many locations a finding keeps when
// Scanner.MaxLocations is 0. One credential copied to a hundred thousand
// paths is one finding; its report lists the first thousand places (and
// the latest) with a count of the rest, not a list that grows with the
// repository. Reports show fewer still (SARIF 100, text 5).
const DefaultMaxLocations = 1000

func (s *Scanner) maxLocations() int {
	switch {
	case s.MaxLocations > 0:
		return s.MaxLocations
	case s.MaxLocations < 0:
		return int(^uint(0) >> 1)
	}
	return DefaultMaxLocations
}

// collector merges findings by fingerprint. Each finding's locations are
// deduplicated through a set, and at most max of them are kept in a
// bounded max-heap: the max-1 earliest in report order, plus the latest.
// Report order (less, ties broken by commit, path, line and blob) is a
// total order, so which locations are kept does not depend on the order
// they arrive in, which for directory scans is goroutine scheduling.
// Adding a location costs O(log max).
type collector struct {
	less  func(a, b Location) bool
	max   int
	ig    *Ignore
	byFP  map[string]*collected
	items []*collected // first-seen order; sorted() puts them in report order
	// work counts location comparisons and set probes; tests check that
	// it grows linearly with the locations added.
	work int
}

// locKey identifies a location: the same credential twice on one line of
// one file version is one location.
type locKey struct {
	commit, path, blob string
	line               int
}

// collected is one finding being gathered.
type collected struct {
	f      Finding // Parts as at first, the earliest location
	seen   map[locKey]struct{}
	kept   []Location // max-heap by report order, at most max
	latest Location
	first  Location
	total  int  // distinct locations, ignored ones excluded
	real   bool // some location is not a test fixture
}

// newCollector returns a collector that keeps the scanner's location cap
// and applies its ignore entries as locations arrive. less orders
// locations in reports.
func (s *Scanner) newCollector(less func(a, b Location) bool) *collector {
	return &collector{less: less, max: s.maxLocations(), ig: s.Ignore, byFP: make(map[string]*collected)}
}

// before is the total order of locations: less, then the location's
// identity.
func (c *collector) before(a, b Location) bool {
	c.work++
	if c.less(a, b) {
		return true
	}
	if c.less(b, a) {
		return false
	}
	if a.Commit != b.Commit {
		return a.Commit < b.Commit
	}
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Blob < b.Blob
}

// add records that finding f occurs at loc.
func (c *collector) add(f Finding, loc Location, inHead bool) {
	it, ok := c.byFP[f.Fingerprint]
	if !ok {
		it = &collected{f: f, seen: make(map[locKey]struct{})}
		it.f.Locations = nil
		c.byFP[f.Fingerprint] = it
		c.items = append(c.items, it)
	}
	it.f.InHead = it.f.InHead || inHead
	if c.ig != nil && c.ig.dropsLocation(&f, loc) {
		return
	}
	k := locKey{commit: loc.Commit, path: loc.Path, blob: loc.Blob, line: loc.Line}
	c.work++
	if _, dup := it.seen[k]; dup {
		return
	}
	it.seen[k] = struct{}{}
	it.total++
	if !IsTestFixture(loc.Path) {
		it.real = true
	}
	if it.total == 1 || c.before(loc, it.first) {
		it.first = loc
		it.f.Parts = f.Parts // as located at the earliest location
	}
	if it.total == 1 || c.before(it.latest, loc) {
		it.latest = loc
	}
	c.push(it, loc)
}

// push keeps loc if it is among the max earliest locations of it.
func (c *collector) push(it *collected, loc Location) {
	h := it.kept
	if len(h) < c.max {
		h = append(h, loc)
		for i := len(h) - 1; i > 0; { // sift up
			p := (i - 1) / 2
			if !c.before(h[p], h[i]) {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		it.kept = h
		return
	}
	if !c.before(loc, h[0]) {
		return
	}
	h[0] = loc
	for i := 0; ; { // sift down
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && c.before(h[m], h[l]) {
			m = l
		}
		if r < len(h) && c.before(h[m], h[r]) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// sorted returns the findings, each with its kept locations in report
// order, ordered by first location, then rule.
func (c *collector) sorted() []Finding {
	out := make([]Finding, 0, len(c.items))
	for _, it := range c.items {
		f := it.f
		locs := append([]Location(nil), it.kept...)
		sort.Slice(locs, func(a, b int) bool { return c.before(locs[a], locs[b]) })
		if it.total > len(locs) && len(locs) > 0 {
			locs[len(locs)-1] = it.latest // the max earliest become max-1 and the latest
		}
		f.Locations = locs
		f.LocationsOmitted = it.total - len(locs)
		f.TestFixture = it.total > 0 && !it.real
		out = append(out, f)
	}
	sort.SliceStable(out, func(a, b int) bool {
		la, lb := out[a].Locations, out[b].Locations
		if len(la) > 0 && len(lb) > 0 && (c.less(la[0], lb[0]) || c.less(lb[0], la[0])) {
			return c.less(la[0], lb[0])
		}
		if out[a].RuleID != out[b].RuleID {
			return out[a].RuleID < out[b].RuleID
		}
		return out[a].Fingerprint < out[b].Fingerprint
	})
	return out
}

// fingerprints returns the fingerprints of the findings one file's
// matches make at loc.
func fingerprints(set *rules.Set, ms []rules.Match, loc Location) map[string]bool {
	fps := map[string]bool{}
	forGroups(set, ms, loc, func(f Finding, _ Location) { fps[f.Fingerprint] = true })
	return fps
}

// forGroups filters one file's matches by location, pairs them and calls
// fn with each resulting finding and its location.
func forGroups(set *rules.Set, ms []rules.Match, loc Location, fn func(Finding, Location)) {
	if len(ms) == 0 {
		return
	}
	kept := ms[:0:0]
	for i := range ms {
		if set.Keep(&ms[i], loc.Path, loc.Commit) {
			kept = append(kept, ms[i])
		}
	}
	sortMatches(kept)
	for _, g := range set.Group(kept) {
		l := loc
		l.Line = g.Parts[0].Line
		fn(groupToFinding(g), l)
	}
}

// dropsLocation reports whether a gitleaks-style entry
// (commit:path:rule:line, or path:rule:line for any commit) ignores f at
// l, for f's rule or any of its parts' rules.
func (ig *Ignore) dropsLocation(f *Finding, l Location) bool {
	if len(ig.entries) == 0 {
		return false
	}
	line := strconv.Itoa(l.Line)
	for i := -1; i < len(f.Parts); i++ {
		r := f.RuleID
		if i >= 0 {
			r = f.Parts[i].RuleID
		}
		for _, commit := range []string{l.Commit, ""} {
			if ig.entries[commit+"\x00"+l.Path+"\x00"+r+"\x00"+line] {
				return true
			}
		}
	}
	return false
}
