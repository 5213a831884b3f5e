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
}

// Dir scans the files under root (or the single file root). It skips
// .git directories, does not follow symbolic links, honours .gitignore
// files unless opts.NoGitignore is set, and skips binary files (counted
// in Stats.SkippedBinary). A .gitignore is read as untrusted input (see
// package repofile): one that is a symbolic link, FIFO, device or larger
// than repofile.DefaultMaxSize is not read and is reported as a Problem,
// and the files it would have excluded are scanned. Unreadable files and directories are reported
// in the returned *Errors while the rest is scanned. fn receives the
// findings, deduplicated across files, when the walk is done; paths are
// relative to root and use forward slashes.
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
	probs := newProblems()
	c := newCollector()
	var mu sync.Mutex
	handle := func(rel, full string) {
		f, err := os.Open(full)
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
	}

	if !info.IsDir() {
		handle(filepath.ToSlash(filepath.Base(root)), root)
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
					handle(j[0], j[1])
				}
			}()
		}
		var done int64
		walkErr := walkDir(ctx, root, !opts.NoGitignore, s.Rules, probs, func(rel, full string) {
			jobs <- [2]string{rel, full}
			done++
			if s.Progress != nil && done%1000 == 0 {
				s.Progress(Progress{Phase: "files", Done: done, Bytes: atomic.LoadInt64(&st.Bytes)})
			}
		})
		close(jobs)
		wg.Wait()
		if walkErr != nil {
			probs.add("", "", walkErr)
		}
	}
	if err := ctx.Err(); err != nil {
		probs.err()
		return st, err
	}
	s.emit(c.sorted(pathLineLess), fn, &st)
	return st, probs.err()
}

// walkDir calls visit for every regular file under root that is not
// ignored, skipping .git directories and symbolic links.
func walkDir(ctx context.Context, root string, useGitignore bool, set *rules.Set, probs *problems, visit func(rel, full string)) error {
	patterns := map[string][]gitignore.Pattern{} // dir rel path -> patterns in force
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
		parts := splitRel(rel)
		parent := "."
		if len(parts) > 1 {
			parent = strings.Join(parts[:len(parts)-1], "/")
		}
		if d.IsDir() {
			if d.Name() == ".git" && rel != "." {
				return fs.SkipDir
			}
			var inherited []gitignore.Pattern
			if rel != "." {
				inherited = patterns[parent]
				if useGitignore && gitignore.NewMatcher(inherited).Match(parts, true) {
					return fs.SkipDir
				}
			}
			own := inherited
			if useGitignore {
				if ps, err := readGitignore(root, rel, parts); err != nil {
					probs.add(gitignoreName(rel), "", fmt.Errorf("not read, its patterns not applied: %w", reason(err)))
				} else if len(ps) > 0 {
					own = append(append([]gitignore.Pattern(nil), inherited...), ps...)
				}
			}
			patterns[rel] = own
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // symbolic links, devices, sockets: not followed or read
		}
		if useGitignore && gitignore.NewMatcher(patterns[parent]).Match(parts, false) {
			return nil
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

// readGitignore parses the .gitignore of directory rel under root, with
// patterns scoped to domain. It is read through repofile, as the
// untrusted input it is: a symbolic link, FIFO, device or oversized file
// is refused (an error naming it), never followed, blocked on or read
// without bound. A missing file is no error.
func readGitignore(root, rel string, domain []string) ([]gitignore.Pattern, error) {
	data, err := repofile.ReadFile(root, gitignoreName(rel), repofile.DefaultMaxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ps []gitignore.Pattern
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps, nil
}

// gitignoreName is the root-relative name of directory rel's .gitignore.
func gitignoreName(rel string) string {
	if rel == "." || rel == "" {
		return ".gitignore"
	}
	return rel + "/.gitignore"
}

// reason strips repofile's "name: " prefix: a Problem names the file.
func reason(err error) error {
	var re *repofile.Error
	if errors.As(err, &re) {
		return re.Err
	}
	return err
}
