package hook_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/hook"
)

// TestMain keeps the tests, and the git they run, off the machine's git
// configuration and out of any repository a git hook running them is in.
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "GIT_") {
			os.Unsetenv(k)
		}
	}
	os.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	os.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	code := m.Run()
	for _, d := range sharedDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// sharedDirs are temporary directories that several tests use (made
// once, see precommit_test.go), removed when all tests are done.
var sharedDirs []string

const testBinary = "/opt/key hound/bin/keyhound"

// fakeRepo makes a work tree whose .git directory is just enough for
// Install (git init would make more); it returns the work tree and the
// hooks directory.
func fakeRepo(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	hooks := filepath.Join(dir, ".git", "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n", 0o644)
	return dir, hooks
}

func writeFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// names lists a directory.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func TestInstallFreshAndUninstall(t *testing.T) {
	repo, hooks := fakeRepo(t)
	sub := filepath.Join(repo, "src", "pkg")
	os.MkdirAll(sub, 0o755)
	// From a subdirectory: the hook goes to the work tree's .git/hooks.
	if err := hook.Install(sub, hook.Options{Binary: testBinary}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(hooks, hook.HookName)
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o755 {
		t.Errorf("hook mode %v, want 0755", fi.Mode().Perm())
	}
	s := readFile(t, p)
	for _, want := range []string{"#!/bin/sh\n", "keyhound='" + testBinary + "'", `"$keyhound" staged`, hook.ChainedName, hook.EnvHook + "=1"} {
		if !strings.Contains(s, want) {
			t.Errorf("hook lacks %q:\n%s", want, s)
		}
	}
	if got := names(t, hooks); len(got) != 1 {
		t.Errorf("hooks dir holds %v, want only the hook (no chained file, no temporary)", got)
	}
	if err := hook.Uninstall(repo); err != nil {
		t.Fatal(err)
	}
	if got := names(t, hooks); len(got) != 0 {
		t.Errorf("after uninstall the hooks dir holds %v", got)
	}
	if err := hook.Uninstall(repo); !errors.Is(err, hook.ErrNotInstalled) {
		t.Errorf("second uninstall: %v, want ErrNotInstalled", err)
	}
}

func TestInstallCreatesHooksDir(t *testing.T) {
	repo, hooks := fakeRepo(t)
	os.Remove(hooks)
	if err := hook.Install(repo, hook.Options{}); err != nil {
		t.Fatal(err)
	}
	if s := readFile(t, filepath.Join(hooks, hook.HookName)); !strings.Contains(s, "keyhound=''") {
		t.Errorf("with no Binary the hook should use PATH:\n%s", s)
	}
}

func TestInstallChainsAndUninstallRestoresExactly(t *testing.T) {
	repo, hooks := fakeRepo(t)
	orig := "#!/bin/sh\n# the team's hook\nmake lint || exit 1\n"
	p := filepath.Join(hooks, hook.HookName)
	writeFile(t, p, orig, 0o750)
	before, _ := os.Stat(p)

	for i := 0; i < 2; i++ { // twice: idempotent, never chains itself
		if err := hook.Install(repo, hook.Options{Binary: testBinary}); err != nil {
			t.Fatalf("install #%d: %v", i+1, err)
		}
		want := []string{hook.HookName, hook.ChainedName}
		if got := names(t, hooks); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("install #%d: hooks dir %v, want %v", i+1, got, want)
		}
		chained := filepath.Join(hooks, hook.ChainedName)
		if got := readFile(t, chained); got != orig {
			t.Fatalf("install #%d: chained hook is\n%s\nwant the original", i+1, got)
		}
		if !strings.Contains(readFile(t, p), `"$keyhound" staged`) {
			t.Fatalf("install #%d: pre-commit is not keyhound's", i+1)
		}
	}
	if err := hook.Uninstall(repo); err != nil {
		t.Fatal(err)
	}
	if got := names(t, hooks); len(got) != 1 || got[0] != hook.HookName {
		t.Fatalf("after uninstall: %v", got)
	}
	after, _ := os.Stat(p)
	if got := readFile(t, p); got != orig {
		t.Errorf("restored hook is\n%s", got)
	}
	if after.Mode() != before.Mode() || !os.SameFile(before, after) {
		t.Errorf("restored hook: mode %v (was %v), same file %v", after.Mode(), before.Mode(), os.SameFile(before, after))
	}
}

func TestInstallUpdatesBinaryOnReinstall(t *testing.T) {
	repo, hooks := fakeRepo(t)
	if err := hook.Install(repo, hook.Options{Binary: "/old/keyhound"}); err != nil {
		t.Fatal(err)
	}
	if err := hook.Install(repo, hook.Options{Binary: "/new/keyhound"}); err != nil {
		t.Fatal(err)
	}
	s := readFile(t, filepath.Join(hooks, hook.HookName))
	if !strings.Contains(s, "/new/keyhound") || strings.Contains(s, "/old/keyhound") {
		t.Errorf("reinstall did not update the binary:\n%s", s)
	}
	if got := names(t, hooks); len(got) != 1 {
		t.Errorf("hooks dir %v", got)
	}
}

// preCommitHook is the start of a hook the pre-commit framework writes.
const preCommitHook = `#!/usr/bin/env bash
# File generated by pre-commit: https://pre-commit.com
# ID: 138fd403232d2ddd5efb44317e38bf03

# start templated
INSTALL_PYTHON=/usr/bin/python3
ARGS=(hook-impl --config=.pre-commit-config.yaml --hook-type=pre-commit)
# end templated
`

const huskyV4Hook = `#!/bin/sh
# husky

# Created by Husky v4.3.8 (https://github.com/typicode/husky#readme)
. "$(dirname "$0")/husky.sh"
`

func TestInstallRefuses(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, repo, hooks string) string // returns the repoDir to pass
		opts    hook.Options
		want    string // in the error
		managed bool   // errors.Is ErrManagedHook, and Force installs
	}{
		{
			name: "symbolic link",
			setup: func(t *testing.T, repo, hooks string) string {
				writeFile(t, filepath.Join(repo, "scripts", "pre-commit"), "#!/bin/sh\n", 0o755)
				if err := os.Symlink("../../scripts/pre-commit", filepath.Join(hooks, hook.HookName)); err != nil {
					t.Fatal(err)
				}
				return repo
			},
			want: "is a symbolic link to ../../scripts/pre-commit, not a regular file",
		},
		{
			name: "directory",
			setup: func(t *testing.T, repo, hooks string) string {
				os.Mkdir(filepath.Join(hooks, hook.HookName), 0o755)
				return repo
			},
			want: "is a directory, not a regular file",
		},
		{
			name: "pre-commit framework",
			setup: func(t *testing.T, repo, hooks string) string {
				writeFile(t, filepath.Join(hooks, hook.HookName), preCommitHook, 0o755)
				return repo
			},
			want:    "generated by the pre-commit framework",
			managed: true,
		},
		{
			name: "husky v4",
			setup: func(t *testing.T, repo, hooks string) string {
				writeFile(t, filepath.Join(hooks, hook.HookName), huskyV4Hook, 0o755)
				return repo
			},
			want:    "generated by husky",
			managed: true,
		},
		{
			name: "husky hooks directory",
			setup: func(t *testing.T, repo, hooks string) string {
				writeFile(t, filepath.Join(repo, ".git", "config"), "[core]\n\thooksPath = .husky/_\n", 0o644)
				writeFile(t, filepath.Join(repo, ".husky", "_", "pre-commit"), "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n", 0o755)
				return repo
			},
			want:    "is husky's",
			managed: true,
		},
		{
			name: "leftover chained hook",
			setup: func(t *testing.T, repo, hooks string) string {
				writeFile(t, filepath.Join(hooks, hook.HookName), "#!/bin/sh\necho new\n", 0o755)
				writeFile(t, filepath.Join(hooks, hook.ChainedName), "#!/bin/sh\necho old\n", 0o755)
				return repo
			},
			want: "already exists",
		},
		{
			name: "chained hook without a hook",
			setup: func(t *testing.T, repo, hooks string) string {
				writeFile(t, filepath.Join(hooks, hook.ChainedName), "#!/bin/sh\necho old\n", 0o755)
				return repo
			},
			want: "removed by hand",
		},
		{
			name: "relative binary",
			setup: func(t *testing.T, repo, hooks string) string {
				return repo
			},
			opts: hook.Options{Binary: "bin/keyhound"},
			want: "not an absolute path",
		},
		{
			name: "not a repository",
			setup: func(t *testing.T, repo, hooks string) string {
				return t.TempDir()
			},
			want: "not a git repository",
		},
		{
			name: "hooks directory is a file",
			setup: func(t *testing.T, repo, hooks string) string {
				writeFile(t, filepath.Join(repo, ".git", "config"), "[core]\n\thooksPath = hooks-file\n", 0o644)
				writeFile(t, filepath.Join(repo, "hooks-file"), "", 0o644)
				return repo
			},
			want: "cannot create the hooks directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo, hooks := fakeRepo(t)
			target := tt.setup(t, repo, hooks)
			before := snapshot(t, repo)
			err := hook.Install(target, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if after := snapshot(t, repo); after != before {
				t.Errorf("a refused install changed the repository:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			if errors.Is(err, hook.ErrManagedHook) != tt.managed {
				t.Errorf("errors.Is(err, ErrManagedHook) = %v, want %v", !tt.managed, tt.managed)
			}
			if tt.managed {
				opts := tt.opts
				opts.Force = true
				if err := hook.Install(target, opts); err != nil {
					t.Fatalf("with Force: %v", err)
				}
				dir, _ := hook.HooksDir(target)
				if _, err := os.Stat(filepath.Join(dir, hook.ChainedName)); err != nil {
					t.Errorf("with Force the managed hook should be chained: %v", err)
				}
			}
		})
	}
}

// snapshot describes every file under dir: path, mode and content.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + " " + fi.Mode().String())
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			b.WriteString(" -> " + l)
		case fi.Mode().IsRegular():
			c, _ := os.ReadFile(p)
			b.WriteString(" " + string(bytes.ReplaceAll(c, []byte("\n"), []byte(`\n`))))
		}
		b.WriteString("\n")
		return nil
	})
	return b.String()
}

func TestUninstallLeavesForeignHookAlone(t *testing.T) {
	repo, hooks := fakeRepo(t)
	p := filepath.Join(hooks, hook.HookName)
	writeFile(t, p, "#!/bin/sh\necho mine\n", 0o755)
	err := hook.Uninstall(repo)
	if !errors.Is(err, hook.ErrNotInstalled) || !strings.Contains(err.Error(), "not keyhound's") {
		t.Errorf("error %v", err)
	}
	if readFile(t, p) != "#!/bin/sh\necho mine\n" {
		t.Error("uninstall touched a foreign hook")
	}
}

func TestUninstallPutsBackOrphanedChainedHook(t *testing.T) {
	repo, hooks := fakeRepo(t)
	orig := "#!/bin/sh\necho original\n"
	writeFile(t, filepath.Join(hooks, hook.HookName), orig, 0o755)
	if err := hook.Install(repo, hook.Options{}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(hooks, hook.HookName)) // removed by hand
	if err := hook.Uninstall(repo); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(hooks, hook.HookName)); got != orig {
		t.Errorf("restored %q", got)
	}
}

func TestAdviceSaysHowToProceed(t *testing.T) {
	for _, want := range []string{"re-stage", "keyhound:allow", ".keyhoundignore", "fingerprint", "git commit --no-verify"} {
		if !strings.Contains(hook.Advice, want) {
			t.Errorf("Advice lacks %q", want)
		}
	}
}
