package scan

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/keyhound/keyhound/rules"
)

func testFinding() Finding {
	parts := []Part{{Part: rules.PartKey, RuleID: "k", Value: "v", Line: 1}}
	return Finding{RuleID: "r", Fingerprint: Fingerprint("r", parts), Parts: parts}
}

// TestLocationWorkGrowsLinearly: one credential at many paths costs work
// (location comparisons and set probes) in proportion to the paths, with
// or without the cap, and with every location reported twice. Before
// locations were deduplicated through a set, each one was compared with
// every earlier one: 2000 paths took 2.0 M comparisons, 8000 took 32 M
// (ratio 16).
func TestLocationWorkGrowsLinearly(t *testing.T) {
	for _, max := range []int{0, -1, 10} {
		work := func(n int) int {
			c := (&Scanner{MaxLocations: max}).newCollector(pathLineLess)
			f := testFinding()
			rng := rand.New(rand.NewSource(int64(n)))
			for _, i := range append(rng.Perm(n), rng.Perm(n)...) {
				c.add(f, Location{Commit: "c", Path: fmt.Sprintf("p/%06d.env", i), Line: 1}, false)
			}
			fs := c.sorted()
			if len(fs) != 1 || len(fs[0].Locations)+fs[0].LocationsOmitted != n {
				t.Fatalf("max %d, %d paths: got %d findings, %+v", max, n, len(fs), fs)
			}
			return c.work
		}
		a, b := work(2000), work(8000)
		if r := float64(b) / float64(a); r > 6 {
			t.Errorf("max %d: location work %d at 2000 paths, %d at 8000: ratio %.1f, want about 4 (linear), at most 6", max, a, b, r)
		}
		if testing.Verbose() {
			t.Logf("max %d: work %d at 2000 paths, %d at 8000", max, a, b)
		}
	}
}

// TestLocationCap: a finding keeps the max-1 earliest locations in report
// order and the latest, whatever order they arrive in (directory scans
// add them from several goroutines); duplicates are not counted; ignored
// locations are dropped before the cap, so they never crowd out the rest;
// Parts come from the earliest location.
func TestLocationCap(t *testing.T) {
	const n, max = 50, 10
	loc := func(i int) Location { return Location{Path: fmt.Sprintf("f%02d.env", i), Line: 3} }
	ig := &Ignore{entries: map[string]bool{}}
	for i := 0; i < 5; i++ { // f00..f04 ignored by gitleaks-style entries
		ig.entries["\x00"+loc(i).Path+"\x00r\x003"] = true
	}
	var want []Location
	for i := 5; i < 5+max-1; i++ {
		want = append(want, loc(i))
	}
	want = append(want, loc(n-1))
	for seed := int64(0); seed < 20; seed++ {
		c := (&Scanner{MaxLocations: max, Ignore: ig}).newCollector(pathLineLess)
		rng := rand.New(rand.NewSource(seed))
		for _, i := range append(rng.Perm(n), rng.Perm(n)...) {
			f := testFinding()
			f.Parts = []Part{{Part: rules.PartKey, RuleID: "k", Value: "v", Line: i}}
			c.add(f, loc(i), i == 7)
		}
		fs := c.sorted()
		if len(fs) != 1 {
			t.Fatalf("seed %d: %d findings", seed, len(fs))
		}
		f := fs[0]
		if !reflect.DeepEqual(f.Locations, want) {
			t.Fatalf("seed %d: kept %v, want %v", seed, f.Locations, want)
		}
		if f.LocationsOmitted != n-5-max {
			t.Errorf("seed %d: omitted %d, want %d", seed, f.LocationsOmitted, n-5-max)
		}
		if f.Parts[0].Line != 5 || !f.InHead {
			t.Errorf("seed %d: parts %+v (want those at the earliest location, line 5), in HEAD %v", seed, f.Parts, f.InHead)
		}
	}
}

// TestLocationTies: locations that report order ranks equal (unreachable
// blobs: no commit, no path) are told apart by their identity, so the
// kept ones do not depend on arrival order either.
func TestLocationTies(t *testing.T) {
	var first []Location
	for seed := int64(0); seed < 10; seed++ {
		c := (&Scanner{MaxLocations: 3}).newCollector(pathLineLess)
		rng := rand.New(rand.NewSource(seed))
		for _, i := range rng.Perm(8) {
			c.add(testFinding(), Location{Blob: fmt.Sprintf("%040d", i), Line: 1}, false)
		}
		f := c.sorted()[0]
		if f.LocationsOmitted != 5 {
			t.Fatalf("omitted %d, want 5", f.LocationsOmitted)
		}
		if first == nil {
			first = f.Locations
		} else if !reflect.DeepEqual(first, f.Locations) {
			t.Fatalf("seed %d kept %v, seed 0 %v", seed, f.Locations, first)
		}
	}
}
