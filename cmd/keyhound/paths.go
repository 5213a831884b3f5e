package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/keyhound/keyhound/scan"
)

// scanPaths turns the arguments of keyhound scan into the target to scan
// and the paths under it to limit the scan to (engine.Options.Paths).
//
//   - none: the current directory;
//   - "-": standard input;
//   - one directory (or anything that is not a regular file, such as
//     the pipe of `scan <(cmd)` or a symbolic link): that, as before,
//     locations relative to it;
//   - one regular file, or several paths (what pre-commit passes a
//     hook): the work tree holding them all (else their deepest common
//     directory), limited to those paths, so that locations, ignore
//     entries and the configuration are the repository's own. A file
//     named is scanned even if .gitignore excludes it; symbolic links
//     among several paths are not followed.
func scanPaths(history bool, args []string) (target string, paths []string, err error) {
	switch len(args) {
	case 0:
		return ".", nil, nil
	case 1:
		// Lstat: a symbolic link named alone is followed, as before.
		if fi, err := os.Lstat(args[0]); args[0] == "-" || err != nil || !fi.Mode().IsRegular() {
			return args[0], nil, nil
		}
	}
	if history {
		return "", nil, errors.New("--history scans a whole repository: give it one PATH")
	}
	var common string
	abs := make([]string, len(args))
	for i, a := range args {
		if a == "-" {
			return "", nil, errors.New(`"-" (standard input) cannot be scanned with other paths`)
		}
		fi, err := os.Stat(a)
		if err != nil {
			return "", nil, err
		}
		if abs[i], err = filepath.Abs(a); err != nil {
			return "", nil, err
		}
		dir := abs[i]
		if !fi.IsDir() {
			dir = filepath.Dir(dir)
		}
		if i == 0 {
			common = dir
		}
		for !within(common, dir) {
			if up := filepath.Dir(common); up != common {
				common = up
				continue
			}
			return "", nil, errors.New("the paths to scan have no directory in common (different volumes)")
		}
	}
	root := common
	if top := scan.WorkTreeTop(common); top != "" {
		root = top
	}
	// The report names the root as the user would: relative to the
	// current directory when it is inside it.
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, root); err == nil && within(wd, root) {
			return rel, abs, nil
		}
	}
	return root, abs, nil
}

// within reports whether path is dir or lies under it (both absolute
// and clean).
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
