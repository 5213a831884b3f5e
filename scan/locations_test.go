package scan_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

// TestManyPathsCapped: one credential in 300 files of a directory is one
// finding that lists the scanner's MaxLocations of them (the earliest by
// path, and the latest) and counts the rest; which ones does not depend on
// the order the workers finish in.
func TestManyPathsCapped(t *testing.T) {
	dir := t.TempDir()
	const n, max = 300, 20
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("d%d", i%7), fmt.Sprintf("f%03d.env", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(cred(keyA, secretA)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var first []scan.Location
	for run := 0; run < 3; run++ {
		s := &scan.Scanner{Rules: testSet(t), MaxLocations: max, Workers: 4}
		fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
			return s.Dir(bg, dir, scan.DirOptions{}, fn)
		})
		if err != nil || len(fs) != 1 {
			t.Fatalf("got %d findings, err %v", len(fs), err)
		}
		f := fs[0]
		if len(f.Locations) != max || f.LocationsOmitted != n-max {
			t.Fatalf("%d locations, %d omitted; want %d and %d", len(f.Locations), f.LocationsOmitted, max, n-max)
		}
		if got := f.Locations[0].Path; got != "d0/f000.env" {
			t.Errorf("first location %s, want d0/f000.env", got)
		}
		if got := f.Locations[max-1].Path; got != "d6/f293.env" {
			t.Errorf("last location %s, want the latest, d6/f293.env", got)
		}
		if first == nil {
			first = f.Locations
		} else if !reflect.DeepEqual(first, f.Locations) {
			t.Fatalf("run %d kept other locations than run 0", run)
		}
	}
}

// TestManyLinesCapped: the same credential on thousands of lines of one
// stream is one finding with the default cap of locations.
func TestManyLinesCapped(t *testing.T) {
	const n = 3000
	s := &scan.Scanner{Rules: testSet(t)}
	fs, _, err := collect(t, func(fn func(scan.Finding)) (scan.Stats, error) {
		return s.Bytes(bg, []byte(strings.Repeat(cred(keyA, secretA), n)), "many.env", fn)
	})
	if err != nil || len(fs) != 1 {
		t.Fatalf("got %d findings, err %v", len(fs), err)
	}
	f := fs[0]
	if len(f.Locations) != scan.DefaultMaxLocations || f.LocationsOmitted != n-scan.DefaultMaxLocations {
		t.Fatalf("%d locations, %d omitted", len(f.Locations), f.LocationsOmitted)
	}
	if f.Locations[0].Line != 1 || f.Locations[len(f.Locations)-1].Line != 2*n-1 {
		t.Errorf("first line %d, last %d; want 1 and %d", f.Locations[0].Line, f.Locations[len(f.Locations)-1].Line, 2*n-1)
	}
}
