package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/keyhound/keyhound/repofile"
)

// Limits on reading a git index for a directory scan.
const (
	// maxIndexSize caps the index file read: about two million tracked
	// files. A larger one is reported and not used.
	maxIndexSize = 256 << 20
	// maxDotGitFile caps a ".git" file ("gitdir: PATH").
	maxDotGitFile = 64 << 10
)

// errIndexFormat is wrapped by errors about an index that cannot be parsed.
var errIndexFormat = errors.New("malformed git index")

// trackedFiles answers whether git tracks a path below a directory scan's
// root: it holds the index of the work tree around the root and of every
// nested repository (submodule checkout, vendored clone) the walk enters.
// A path belongs to the nearest work tree that holds it, as in git.
type trackedFiles struct {
	repos map[string]*repoIndex // root-relative work tree dir ("." also for one above the root) -> its index
}

// repoIndex is the tracked paths of one work tree.
type repoIndex struct {
	prefix string   // the scan root's path in the work tree, with a trailing "/", when the work tree is above the root
	names  []string // tracked paths relative to the work tree, sorted
}

func newTrackedFiles() *trackedFiles {
	return &trackedFiles{repos: map[string]*repoIndex{}}
}

// tracked reports whether the root-relative file path rel is tracked.
func (t *trackedFiles) tracked(rel string) bool {
	ix, q := t.nearest(rel, false)
	if ix == nil {
		return false
	}
	i := sort.SearchStrings(ix.names, q)
	return i < len(ix.names) && ix.names[i] == q
}

// holdsTracked reports whether git tracks any file under the
// root-relative directory rel.
func (t *trackedFiles) holdsTracked(rel string) bool {
	ix, q := t.nearest(rel, true)
	if ix == nil {
		return false
	}
	if q == "" {
		return len(ix.names) > 0 // a nested work tree's own root
	}
	q += "/"
	i := sort.SearchStrings(ix.names, q)
	return i < len(ix.names) && strings.HasPrefix(ix.names[i], q)
}

// nearest finds the innermost work tree holding rel (itself included
// when self is set, for a directory) and rel's path inside it.
func (t *trackedFiles) nearest(rel string, self bool) (*repoIndex, string) {
	if len(t.repos) == 0 {
		return nil, ""
	}
	dir := rel
	if !self {
		dir = parentDir(rel)
	}
	for {
		if ix, ok := t.repos[dir]; ok {
			q := rel
			if dir != "." {
				q = strings.TrimPrefix(strings.TrimPrefix(rel, dir), "/")
			}
			return ix, ix.prefix + q
		}
		if dir == "." {
			return nil, ""
		}
		dir = parentDir(dir)
	}
}

func parentDir(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return "."
}

// WorkTreeTop returns the directory at or above dir that holds a .git
// entry (a directory, or a file naming the git directory): the root of
// the work tree dir is in, or "" when it is in none.
func WorkTreeTop(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// loadWorkTree reads the index of the work tree at wt (a directory
// holding .git) and records it for the root-relative directory rel
// ("." for the root or a work tree above it); prefix is the root's path
// inside the work tree ("" unless the work tree is above the root). A
// work tree with no index yet tracks nothing. A .git or index that is
// not a regular file, is oversized or malformed is an error, and the
// work tree then counts as tracking nothing.
func (t *trackedFiles) loadWorkTree(wt, rel, prefix string) error {
	gitDir, err := resolveGitDir(wt)
	if err != nil {
		return err
	}
	data, err := repofile.ReadFile(gitDir, "index", maxIndexSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("git index %s: %w", filepath.Join(gitDir, "index"), reason(err))
	}
	names, err := indexNames(data)
	if err != nil {
		return fmt.Errorf("git index %s: %w", filepath.Join(gitDir, "index"), err)
	}
	if prefix != "" {
		prefix += "/"
	}
	t.repos[rel] = &repoIndex{prefix: prefix, names: names}
	return nil
}

// resolveGitDir returns the git directory of the work tree wt: wt/.git,
// or the directory a ".git" file names (linked work trees, submodules).
func resolveGitDir(wt string) (string, error) {
	li, err := os.Lstat(filepath.Join(wt, ".git"))
	if err != nil {
		return "", err
	}
	if li.IsDir() {
		return filepath.Join(wt, ".git"), nil
	}
	data, err := repofile.ReadFile(wt, ".git", maxDotGitFile)
	if err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Join(wt, ".git"), reason(err))
	}
	line, _, _ := strings.Cut(string(data), "\n")
	dir, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	dir = strings.TrimSpace(dir)
	if !ok || dir == "" {
		return "", fmt.Errorf("%s: not a \"gitdir:\" file", filepath.Join(wt, ".git"))
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(wt, dir)
	}
	return dir, nil
}

// indexNames parses the paths of a git index (versions 2 to 4, SHA-1),
// sorted. It reads only what it needs and bounds what it builds: a
// version 4 index shares each name's prefix with the previous one, so a
// crafted file could expand to far more than its size; the names may
// take at most 8 times the file's size (plus 1 MiB).
func indexNames(data []byte) ([]string, error) {
	const entryFixed = 62 // stat data (40), object id (20), flags (2)
	bad := func(format string, args ...any) ([]string, error) {
		return nil, fmt.Errorf("%w: "+format, append([]any{errIndexFormat}, args...)...)
	}
	if len(data) < 12 || string(data[:4]) != "DIRC" {
		return bad("no DIRC header")
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return bad("unsupported version %d", version)
	}
	count := binary.BigEndian.Uint32(data[8:12])
	budget := int64(len(data))*8 + 1<<20
	names := make([]string, 0, min(int(count), len(data)/entryFixed))
	var prev string
	p := 12
	for i := uint32(0); i < count; i++ {
		start := p
		if len(data)-p < entryFixed {
			return bad("entry %d truncated", i)
		}
		flags := binary.BigEndian.Uint16(data[p+60 : p+62])
		p += entryFixed
		if flags&0x4000 != 0 { // extended flags (version 3 and later)
			if version < 3 || len(data)-p < 2 {
				return bad("entry %d: bad extended flags", i)
			}
			p += 2
		}
		var name string
		if version == 4 {
			strip, n := indexVarint(data[p:])
			if n == 0 || strip > uint64(len(prev)) {
				return bad("entry %d: bad name prefix", i)
			}
			p += n
			end := bytes.IndexByte(data[p:], 0)
			if end < 0 {
				return bad("entry %d: unterminated name", i)
			}
			name = prev[:len(prev)-int(strip)] + string(data[p:p+end])
			p += end + 1
		} else {
			end := bytes.IndexByte(data[p:], 0)
			if end < 0 {
				return bad("entry %d: unterminated name", i)
			}
			name = string(data[p : p+end])
			// Entries are padded with 1 to 8 NULs to a multiple of 8.
			p = start + (p-start+end+8)&^7
			if p > len(data) {
				return bad("entry %d truncated", i)
			}
		}
		budget -= int64(len(name))
		if budget < 0 {
			return bad("names expand beyond %d bytes", int64(len(data))*8+1<<20)
		}
		names = append(names, name)
		prev = name
	}
	sort.Strings(names) // git writes them sorted; a damaged index must not mislead the search
	return names, nil
}

// indexVarint decodes git's offset varint (varint.c): the value and the
// bytes it took, or 0 bytes when malformed.
func indexVarint(b []byte) (uint64, int) {
	if len(b) == 0 {
		return 0, 0
	}
	v := uint64(b[0] & 0x7f)
	n := 1
	for b[n-1]&0x80 != 0 {
		if n >= len(b) || n >= 9 {
			return 0, 0
		}
		v = (v+1)<<7 | uint64(b[n]&0x7f)
		n++
	}
	return v, n
}
