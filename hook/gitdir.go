package hook

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	gitconfig "github.com/go-git/go-git/v5/plumbing/format/config"
)

// repoLayout is where a repository's parts are on disk.
type repoLayout struct {
	workTree  string // top of the work tree
	gitDir    string // the .git directory, or what a .git file points to
	commonDir string // gitDir, or the main repository's for a linked worktree
}

// HooksDir returns the absolute path of the directory git runs hooks from
// for the repository holding repoDir (its work tree root or any directory
// below it): core.hooksPath when it is set, otherwise the hooks directory
// of the repository's common git directory, so that linked worktrees
// share their main repository's hooks and a submodule uses the one under
// the superproject's .git/modules. The directory need not exist yet.
//
// core.hooksPath is read as git reads it, from the system configuration
// (unless GIT_CONFIG_NOSYSTEM is set; GIT_CONFIG_SYSTEM names another
// file), the global one (GIT_CONFIG_GLOBAL, else $XDG_CONFIG_HOME/git/config
// and ~/.gitconfig), the repository's config and, when
// extensions.worktreeConfig is on, the worktree's config.worktree, the
// last setting winning. A relative value is taken relative to the top of
// the work tree (where git runs hooks) and a leading ~/ is the home
// directory. Include directives, conditional includes and per-command
// settings (git -c, GIT_CONFIG_COUNT) are not followed.
func HooksDir(repoDir string) (string, error) {
	l, err := findRepo(repoDir)
	if err != nil {
		return "", err
	}
	return l.hooksDir()
}

func (l *repoLayout) hooksDir() (string, error) {
	hp, err := l.hooksPath()
	if err != nil {
		return "", err
	}
	if hp == "" {
		return filepath.Join(l.commonDir, "hooks"), nil
	}
	if hp == "~" || strings.HasPrefix(hp, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("core.hooksPath %q: %w", hp, err)
		}
		hp = filepath.Join(home, hp[1:])
	}
	if !filepath.IsAbs(hp) {
		hp = filepath.Join(l.workTree, hp)
	}
	return filepath.Clean(hp), nil
}

// findRepo finds the work tree holding dir and its git directories.
func findRepo(dir string) (*repoLayout, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}
	for d := abs; ; d = filepath.Dir(d) {
		l, err := layoutAt(d)
		if err != nil {
			return nil, err
		}
		if l != nil {
			return l, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if isGitDir(abs) {
		return nil, fmt.Errorf("%s is a bare repository or a git directory: pre-commit hooks run only where commits are made in a work tree; give the work tree instead", dir)
	}
	return nil, fmt.Errorf("%s: not a git repository (nor any of its parent directories)", dir)
}

// layoutAt returns the layout of the work tree whose top is d, or nil
// when d has no .git entry.
func layoutAt(d string) (*repoLayout, error) {
	dotGit := filepath.Join(d, ".git")
	fi, err := os.Stat(dotGit)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	l := &repoLayout{workTree: d}
	switch {
	case fi.IsDir():
		if !isGitDir(dotGit) {
			return nil, nil // a stray .git directory: git looks further up too
		}
		l.gitDir = dotGit
	case fi.Mode().IsRegular():
		// A worktree's or submodule's .git file: "gitdir: <path>".
		b, err := os.ReadFile(dotGit)
		if err != nil {
			return nil, err
		}
		line, _, _ := strings.Cut(string(b), "\n")
		target, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "gitdir:")
		if !ok {
			return nil, fmt.Errorf("%s: not a gitdir file (no \"gitdir:\" line)", dotGit)
		}
		target = strings.TrimSpace(target)
		if !filepath.IsAbs(target) {
			target = filepath.Join(d, target)
		}
		if !isGitDir(target) {
			return nil, fmt.Errorf("%s points to %s, which is not a git directory", dotGit, target)
		}
		l.gitDir = filepath.Clean(target)
	default:
		return nil, nil
	}
	l.commonDir = l.gitDir
	if b, err := os.ReadFile(filepath.Join(l.gitDir, "commondir")); err == nil {
		c := strings.TrimSpace(string(b))
		if !filepath.IsAbs(c) {
			c = filepath.Join(l.gitDir, c)
		}
		l.commonDir = filepath.Clean(c)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return l, nil
}

// isGitDir reports whether d looks like a git directory: git itself
// requires HEAD (a file, or a symlink) there.
func isGitDir(d string) bool {
	fi, err := os.Lstat(filepath.Join(d, "HEAD"))
	return err == nil && !fi.IsDir()
}

// hooksPath returns the effective core.hooksPath, or "".
func (l *repoLayout) hooksPath() (string, error) {
	var files []string
	if !envBool("GIT_CONFIG_NOSYSTEM") {
		if p := os.Getenv("GIT_CONFIG_SYSTEM"); p != "" {
			files = append(files, p)
		} else {
			files = append(files, "/etc/gitconfig")
		}
	}
	if p, ok := os.LookupEnv("GIT_CONFIG_GLOBAL"); ok {
		if p != "" {
			files = append(files, p)
		}
	} else {
		xdg := os.Getenv("XDG_CONFIG_HOME")
		home, _ := os.UserHomeDir()
		if xdg == "" && home != "" {
			xdg = filepath.Join(home, ".config")
		}
		if xdg != "" {
			files = append(files, filepath.Join(xdg, "git", "config"))
		}
		if home != "" {
			files = append(files, filepath.Join(home, ".gitconfig"))
		}
	}
	local := filepath.Join(l.commonDir, "config")
	files = append(files, local)

	value := ""
	for _, f := range files {
		cfg, err := readConfig(f)
		if err != nil {
			return "", err
		}
		if cfg == nil {
			continue
		}
		core := cfg.Section("core")
		if core.HasOption("hooksPath") {
			value = core.Option("hooksPath")
		}
		if f == local && isTrue(cfg.Section("extensions").Option("worktreeConfig")) {
			wcfg, err := readConfig(filepath.Join(l.gitDir, "config.worktree"))
			if err != nil {
				return "", err
			}
			if wcfg != nil && wcfg.Section("core").HasOption("hooksPath") {
				value = wcfg.Section("core").Option("hooksPath")
			}
		}
	}
	return value, nil
}

// readConfig parses one git config file; a file that does not exist or
// cannot be read is skipped (nil), as git skips a missing or
// inaccessible one.
func readConfig(path string) (*gitconfig.Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		// Missing, unreadable, a directory: nothing to read.
		return nil, nil
	}
	cfg := gitconfig.New()
	if err := gitconfig.NewDecoder(bytes.NewReader(b)).Decode(cfg); err != nil {
		return nil, fmt.Errorf("reading git config %s: %w", path, err)
	}
	return cfg, nil
}

func envBool(name string) bool {
	return isTrue(os.Getenv(name))
}

func isTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}
