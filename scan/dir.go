package scan

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/keyhound/keyhound/repofile"
	"github.com/keyhound/keyhound/rules"
)

// DirOptions tune a directory scan.
type DirOptions struct {
	// NoGitignore scans files that .gitignore files exclude too.
	NoGitignore bool
	// Paths, when not empty, limits the scan to these files and
	// directories under root (the files a pre-commit hook is given).
	// Each is relative to root, or absolute, and must exist inside
	// root; else Dir returns an error and scans nothing. Locations stay
	// relative to root; .gitignore applies as for a whole-tree scan to
	// the files under a directory named, not to a file named.
	Paths []string
}

// Dir scans the files under root (or the single file root). It skips
// .git directories, does not follow symbolic links and skips binary files
// (counted in Stats.SkippedBinary). Unless opts.NoGitignore is set it
// honours .gitignore files, but never for a file git tracks nor for an
// untracked secret-bearing one (.env, .env.*, *.env, configuration and
// credential files); ignored dependency, build-output and cache
// directories are skipped whole, and whatever is skipped is counted
// (Stats.SkippedGitignored, Stats.Gitignored).
//
// A .gitignore is read as untrusted input (see package repofile): one
// that is a symbolic link, FIFO, device or larger than
// repofile.DefaultMaxSize is not read and is reported as a Problem, and
// the files it would have excluded are scanned. Unreadable files and
// directories are reported in the returned *Errors while the rest is
// scanned. fn receives the findings, deduplicated across files, when the
// walk is done; paths are relative to root and use forward slashes. A
// scan whose context ends stops promptly, delivers the findings made so
// far and returns an *InterruptedError.
func (s *Scanner) Dir(ctx context.Context, root string, opts DirOptions, fn func(Finding)) (Stats, error) {
	var st Stats
	if err := s.check(); err != nil {
		return st, err
	}
	// A root given as a symbolic link is followed (links below it are not).
	if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if root, err = filepath.EvalSymlinks(root); err != nil {
			return st, err
		}
	}
	info, err := os.Stat(root)
	if err != nil {
		return st, err
	}
	var only *pathFilter
	if len(opts.Paths) > 0 {
		if !info.IsDir() {
			return st, fmt.Errorf("%s: not a directory, so it cannot hold the paths to scan", root)
		}
		if only, err = newPathFilter(root, opts.Paths); err != nil {
			return st, err
		}
	}
	probs := newProblems(&st)
	c := s.newCollector(pathLineLess)
	var mu sync.Mutex
	var done, matched int64
	progress := s.progress()
	// A file found by the walk is opened only if it is still a regular
	// file (never waiting on a FIFO swapped in); a root the caller named
	// is read as given (`scan <(cmd)` names a pipe).
	handle := func(rel, full string, open func(string) (*os.File, error)) {
		f, err := open(full)
		if err != nil {
			probs.add(rel, "", err)
			return
		}
		defer f.Close()
		ms, n, err := s.matchReader(ctx, bufio.NewReaderSize(f, 64<<10), rel)
		atomic.AddInt64(&st.Bytes, n)
		if errors.Is(err, ErrBinary) {
			atomic.AddInt64(&st.SkippedBinary, 1)
			return
		}
		atomic.AddInt64(&st.Files, 1)
		if err != nil && ctx.Err() == nil {
			probs.add(rel, "", err)
		}
		ms = append(ms, s.Rules.PathMatches(rel)...)
		if len(ms) == 0 {
			return
		}
		mu.Lock()
		addMatches(c, s.Rules, ms, Location{Path: rel}, true)
		mu.Unlock()
		m := atomic.AddInt64(&matched, 1)
		if progress != nil {
			progress(Progress{Phase: "files", Done: atomic.LoadInt64(&done), Matched: m, Bytes: atomic.LoadInt64(&st.Bytes)})
		}
	}

	if !info.IsDir() {
		handle(filepath.ToSlash(filepath.Base(root)), root, os.Open)
	} else {
		jobs := make(chan [2]string, 256)
		var wg sync.WaitGroup
		for i := 0; i < s.workers(); i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					if ctx.Err() != nil {
						continue
					}
					handle(j[0], j[1], repofile.OpenRegular)
				}
			}()
		}
		walkErr := walkDir(ctx, root, !opts.NoGitignore, only, s.Rules, &st, probs, func(rel, full string) {
			jobs <- [2]string{rel, full}
			d := atomic.AddInt64(&done, 1)
			if progress != nil && d%1000 == 0 {
				progress(Progress{Phase: "files", Done: d, Matched: atomic.LoadInt64(&matched), Bytes: atomic.LoadInt64(&st.Bytes)})
			}
		})
		close(jobs)
		wg.Wait()
		if walkErr != nil && ctx.Err() == nil {
			probs.add("", "", walkErr)
		}
	}
	s.emit(c.sorted(), fn, &st)
	return st, finish(ctx, "reading files", probs)
}

// dirState is what a directory scan knows of a directory it entered.
type dirState struct {
	patterns   []gitignore.Pattern // .gitignore patterns in force for its entries
	ignored    bool                // .gitignore excludes it (or a directory above it)
	dependency bool                // an excluded dependency, build-output or cache directory
}

// walkDir calls visit for every regular file under root to be scanned,
// skipping .git directories and symbolic links. With useGitignore it
// applies .gitignore as far as gitignore.go describes: tracked and
// secret-bearing files are always visited; the rest that .gitignore
// excludes is counted in st.
//
// A non-nil only limits the walk to the paths it names (and the
// directories on the way to them).
func walkDir(ctx context.Context, root string, useGitignore bool, only *pathFilter, set *rules.Set, st *Stats, probs *problems, visit func(rel, full string)) error {
	dirs := map[string]dirState{} // dir rel path -> its state
	tracked := newTrackedFiles()
	if useGitignore {
		if top := WorkTreeTop(root); top != "" {
			prefix := ""
			if abs, err := filepath.Abs(root); err == nil && abs != top {
				if p, err := filepath.Rel(top, abs); err == nil {
					prefix = filepath.ToSlash(p)
				}
			}
			if err := tracked.loadWorkTree(top, ".", prefix); err != nil {
				probs.add("", "", fmt.Errorf("tracked files unknown, .gitignore applied to all: %w", err))
			}
		}
	}
	return filepath.WalkDir(root, func(full string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, rerr := filepath.Rel(root, full)
		if rerr != nil {
			rel = full
		}
		rel = filepath.ToSlash(rel)
		if err != nil {
			probs.add(rel, "", err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if only != nil && !only.keeps(rel, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		parts := splitRel(rel)
		parent := parentDir(rel)
		if d.IsDir() {
			if d.Name() == ".git" && rel != "." {
				return fs.SkipDir
			}
			if !useGitignore {
				return nil
			}
			var cur dirState
			if rel != "." {
				up := dirs[parent]
				cur = dirState{patterns: up.patterns, ignored: up.ignored, dependency: up.dependency}
				if !cur.ignored && gitignore.NewMatcher(cur.patterns).Match(parts, true) {
					cur.ignored = true
				}
				if cur.ignored && !cur.dependency && dependencyDir(full, d.Name()) {
					cur.dependency = true
				}
				if cur.dependency && !tracked.holdsTracked(rel) && (only == nil || !only.above[rel]) {
					noteGitignored(st, rel+"/")
					return fs.SkipDir
				}
				// A nested repository tracks its own files.
				if _, err := os.Lstat(filepath.Join(full, ".git")); err == nil {
					if err := tracked.loadWorkTree(full, rel, ""); err != nil {
						probs.add(rel, "", fmt.Errorf("nested repository: tracked files unknown: %w", err))
					}
				}
			}
			// git reads no .gitignore inside an excluded directory.
			if !cur.ignored {
				if ps, err := readGitignore(full, parts); err != nil {
					probs.add(gitignoreName(rel), "", fmt.Errorf("not read, its patterns not applied: %w", reason(err)))
				} else if len(ps) > 0 {
					cur.patterns = append(append([]gitignore.Pattern(nil), cur.patterns...), ps...)
				}
			}
			dirs[rel] = cur
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // symbolic links, devices, sockets: not followed or read
		}
		if useGitignore && (only == nil || !only.named[rel]) { // a file named is scanned
			in := dirs[parent]
			excluded := in.ignored || gitignore.NewMatcher(in.patterns).Match(parts, false)
			if excluded && !tracked.tracked(rel) && (in.dependency || !secretBearing(d.Name())) {
				noteGitignored(st, rel)
				return nil
			}
		}
		if set.SkipPath(rel) {
			return nil
		}
		visit(rel, full)
		return nil
	})
}

func splitRel(rel string) []string {
	if rel == "." || rel == "" {
		return nil
	}
	return strings.Split(rel, "/")
}
