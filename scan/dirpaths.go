package scan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// pathFilter is the set of paths a directory scan is limited to
// (DirOptions.Paths), as slash-separated paths relative to the root.
type pathFilter struct {
	named map[string]bool // the paths given
	above map[string]bool // the directories on the way to them
}

// newPathFilter checks that each path exists inside root and returns
// the filter; root is a directory.
func newPathFilter(root string, paths []string) (*pathFilter, error) {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	f := &pathFilter{named: map[string]bool{}, above: map[string]bool{}}
	for _, p := range paths {
		full := p
		if !filepath.IsAbs(p) {
			full = filepath.Join(absRoot, p)
		}
		rel, err := filepath.Rel(absRoot, full)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			return nil, fmt.Errorf("%s: outside %s, the directory scanned", p, root)
		}
		if _, err := os.Lstat(full); err != nil {
			return nil, err
		}
		rel = filepath.ToSlash(rel)
		f.named[rel] = true
		for d := parentDir(rel); d != "." && !f.above[d]; d = parentDir(d) {
			f.above[d] = true
		}
	}
	return f, nil
}

// keeps reports whether the walk enters the directory, or scans the
// file, at rel: a path given, one inside a directory given, or (for a
// directory) one on the way to a path given.
func (f *pathFilter) keeps(rel string, dir bool) bool {
	if dir && (rel == "." || f.above[rel]) {
		return true
	}
	for p := rel; ; p = parentDir(p) {
		if f.named[p] {
			return true
		}
		if p == "." {
			return false
		}
	}
}
