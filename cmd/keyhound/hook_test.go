//go:build unix

package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/keyhound/keyhound/hook"
)

// hermeticEnv is the environment for git and pre-commit in these tests:
// no GIT_* variables inherited (a git hook running the tests sets some),
// neither the system's nor the user's git configuration, and PATH as
// given.
func hermeticEnv(path string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || strings.HasPrefix(k, "PRE_COMMIT") || k == "PATH" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "PATH="+path, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	return append(env, extra...)
}

// run runs a command in dir with the hermetic environment.
func runIn(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return result{code, out.String(), errb.String()}
}

func needGitBinary(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("the git binary is not installed: the hook is tested with real git commits")
	}
}

// gitEnv is PATH without keyhound: the hook must use the absolute path
// it was installed with.
func gitEnv() []string { return hermeticEnv(os.Getenv("PATH")) }

// gitT runs git and fails the test when it fails.
func gitT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	r := runIn(t, dir, gitEnv(), "git", args...)
	if r.code != 0 {
		t.Fatalf("git %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

// kh runs the built keyhound with the hermetic environment (the hook
// commands read git configuration).
func kh(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return runIn(t, dir, gitEnv(), keyhoundBinary(t), args...)
}

// commit runs git commit; its output is the hook's too.
func commit(t *testing.T, dir, msg string) result {
	t.Helper()
	return runIn(t, dir, gitEnv(), "git", "commit", "-m", msg)
}

// newRepo makes a repository with user.name/email configured locally.
func newRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	gitT(t, dir, "config", "user.name", "Test")
	gitT(t, dir, "config", "user.email", "test@example.com")
	return dir
}

func commitCount(t *testing.T, dir string) int {
	t.Helper()
	r := runIn(t, dir, gitEnv(), "git", "rev-list", "--count", "HEAD")
	if r.code != 0 {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(r.stdout))
	return n
}

// checkBlocked checks a commit was blocked by keyhound: non-zero exit,
// the file named, the advice shown, the secret not shown in full.
func checkBlocked(t *testing.T, r result, file string) {
	t.Helper()
	out := r.stdout + r.stderr
	if r.code == 0 {
		t.Fatalf("the commit of a credential was not blocked:\n%s", out)
	}
	for _, want := range []string{file + ":1", "BINANCE", "fingerprint", "keyhound:allow", ".keyhoundignore", "--no-verify"} {
		if !strings.Contains(out, want) {
			t.Errorf("hook output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, binSecret) || strings.Contains(out, binKey) {
		t.Errorf("the hook output shows the credential in full:\n%s", out)
	}
}

var fingerprintRE = regexp.MustCompile(`fingerprint ([0-9a-f]{40})`)

func TestHookBlocksCommitWithCredential(t *testing.T) {
	needGitBinary(t)
	dir := newRepo(t)
	r := kh(t, dir, "hook", "install")
	if r.code != 0 || !strings.Contains(r.stdout, filepath.Join(".git", "hooks", "pre-commit")) || !strings.Contains(r.stdout, keyhoundBinary(t)+" staged") {
		t.Fatalf("install: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	write(t, dir, "app.py", "print('hello')\n")
	gitT(t, dir, "add", "app.py")
	if r := commit(t, dir, "clean"); r.code != 0 {
		t.Fatalf("a clean commit was blocked: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	write(t, dir, "deploy/.env", envText)
	gitT(t, dir, "add", "deploy/.env")
	r = commit(t, dir, "add keys")
	checkBlocked(t, r, "deploy/.env")
	if n := commitCount(t, dir); n != 1 {
		t.Errorf("%d commits, want 1: the blocked one was made", n)
	}

	// Following the advice: the fingerprint in .keyhoundignore lets it in.
	m := fingerprintRE.FindStringSubmatch(r.stdout + r.stderr)
	if m == nil {
		t.Fatal("no fingerprint in the hook output")
	}
	write(t, dir, ".keyhoundignore", "# test fixture\n"+m[1]+"\n")
	gitT(t, dir, "add", ".keyhoundignore")
	if r := commit(t, dir, "add keys, ignored"); r.code != 0 {
		t.Fatalf("the fingerprint in .keyhoundignore did not let the commit in: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestHookChainsExistingHook(t *testing.T) {
	needGitBinary(t)
	dir := newRepo(t)
	hooks := filepath.Join(dir, ".git", "hooks")
	hookPath := filepath.Join(hooks, "pre-commit")
	// The team's hook: leaves a mark per run, fails while block-me exists.
	orig := "#!/bin/sh\necho ran >> .git/legacy-ran\nif [ -e block-me ]; then\n\techo 'legacy hook says no' >&2\n\texit 3\nfi\n"
	if err := os.WriteFile(hookPath, []byte(orig), 0o751); err != nil {
		t.Fatal(err)
	}
	os.Chmod(hookPath, 0o751)
	runs := func() int {
		b, _ := os.ReadFile(filepath.Join(dir, ".git", "legacy-ran"))
		return strings.Count(string(b), "ran\n")
	}

	r := kh(t, dir, "hook", "install")
	if r.code != 0 || !strings.Contains(r.stdout, "chained the existing hook") {
		t.Fatalf("install: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write(t, dir, "a.txt", "one\n")
	gitT(t, dir, "add", "a.txt")
	if r := commit(t, dir, "one"); r.code != 0 || runs() != 1 {
		t.Fatalf("clean commit: exit %d, existing hook ran %d times\n%s%s", r.code, runs(), r.stdout, r.stderr)
	}

	// The existing hook's failure still blocks.
	write(t, dir, "block-me", "")
	write(t, dir, "a.txt", "two\n")
	gitT(t, dir, "add", "a.txt")
	r = commit(t, dir, "two")
	if r.code == 0 || !strings.Contains(r.stderr, "legacy hook says no") || runs() != 2 {
		t.Fatalf("the failing existing hook did not block: exit %d, ran %d times\n%s%s", r.code, runs(), r.stdout, r.stderr)
	}
	os.Remove(filepath.Join(dir, "block-me"))

	// Installing again neither chains keyhound's own hook nor runs twice.
	r = kh(t, dir, "hook", "install")
	if r.code != 0 || !strings.Contains(r.stdout, "still chains") {
		t.Fatalf("second install: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var chained []string
	filepath.WalkDir(hooks, func(p string, d fs.DirEntry, err error) error {
		if strings.Contains(filepath.Base(p), "keyhound") {
			chained = append(chained, filepath.Base(p))
		}
		return nil
	})
	if len(chained) != 1 || chained[0] != hook.ChainedName {
		t.Errorf("after two installs the hooks dir has %v, want just %s", chained, hook.ChainedName)
	}
	if b, _ := os.ReadFile(filepath.Join(hooks, hook.ChainedName)); string(b) != orig {
		t.Errorf("the chained hook is not the original:\n%s", b)
	}
	if r := commit(t, dir, "two"); r.code != 0 || runs() != 3 {
		t.Fatalf("commit after reinstall: exit %d, existing hook ran %d times in all (want 3)\n%s%s", r.code, runs(), r.stdout, r.stderr)
	}

	// Both run: the existing hook passes, keyhound blocks.
	write(t, dir, "cfg/.env", envText)
	gitT(t, dir, "add", "cfg/.env")
	checkBlocked(t, commit(t, dir, "keys"), "cfg/.env")
	if runs() != 4 {
		t.Errorf("existing hook ran %d times, want 4", runs())
	}

	// Uninstall restores it byte for byte, mode included.
	r = kh(t, dir, "hook", "uninstall")
	if r.code != 0 || !strings.Contains(r.stdout, "restored the previous one") {
		t.Fatalf("uninstall: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(hookPath)
	fi, _ := os.Stat(hookPath)
	if err != nil || string(b) != orig || fi.Mode().Perm() != 0o751 {
		t.Fatalf("restored hook (mode %v, err %v):\n%s", fi.Mode().Perm(), err, b)
	}
	if _, err := os.Lstat(filepath.Join(hooks, hook.ChainedName)); err == nil {
		t.Error("the chained file is still there after uninstall")
	}
	if r := commit(t, dir, "keys"); r.code != 0 || runs() != 5 {
		t.Errorf("after uninstall only the original hook runs: exit %d, ran %d times\n%s%s", r.code, runs(), r.stdout, r.stderr)
	}
	// Uninstalling again is a no-op that says so.
	if r := kh(t, dir, "hook", "uninstall"); r.code != 0 || !strings.Contains(r.stderr, "not keyhound's") {
		t.Errorf("second uninstall: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestHookHonoursCoreHooksPath(t *testing.T) {
	needGitBinary(t)
	dir := newRepo(t)
	gitT(t, dir, "config", "core.hooksPath", ".githooks")
	sub := filepath.Join(dir, "src")
	os.Mkdir(sub, 0o755)
	r := kh(t, sub, "hook", "install")
	if r.code != 0 || !strings.Contains(r.stdout, filepath.Join(dir, ".githooks", "pre-commit")) {
		t.Fatalf("install: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "hooks", "pre-commit")); err == nil {
		t.Error("installed in .git/hooks although core.hooksPath is set")
	}
	write(t, dir, "src/settings.env", envText)
	gitT(t, dir, "add", "src/settings.env")
	checkBlocked(t, commit(t, dir, "keys"), "src/settings.env")
	if r := kh(t, dir, "hook", "uninstall"); r.code != 0 {
		t.Fatalf("uninstall: exit %d %s", r.code, r.stderr)
	}
	if r := commit(t, dir, "keys"); r.code != 0 {
		t.Errorf("after uninstall: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestHookInLinkedWorktree(t *testing.T) {
	needGitBinary(t)
	dir := newRepo(t)
	gitT(t, dir, "commit", "-q", "--allow-empty", "-m", "init")
	wt := filepath.Join(t.TempDir(), "wt")
	gitT(t, dir, "worktree", "add", "-q", wt)
	if r := kh(t, wt, "hook", "install"); r.code != 0 || !strings.Contains(r.stdout, filepath.Join(dir, ".git", "hooks", "pre-commit")) {
		t.Fatalf("install: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write(t, wt, "bot.env", envText)
	gitT(t, wt, "add", "bot.env")
	checkBlocked(t, commit(t, wt, "keys"), "bot.env")
}

func TestHookInstallRefusals(t *testing.T) {
	needGitBinary(t)
	t.Run("pre-commit framework hook, then --force", func(t *testing.T) {
		dir := newRepo(t)
		p := filepath.Join(dir, ".git", "hooks", "pre-commit")
		fw := "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n# ID: 138fd403232d2ddd5efb44317e38bf03\nexit 0\n"
		os.WriteFile(p, []byte(fw), 0o755)
		r := kh(t, dir, "hook", "install")
		if r.code != 2 || !strings.Contains(r.stderr, "pre-commit framework") || !strings.Contains(r.stderr, ".pre-commit-config.yaml") || !strings.Contains(r.stderr, "--force") {
			t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		if b, _ := os.ReadFile(p); string(b) != fw {
			t.Error("a refused install changed the hook")
		}
		if r := kh(t, dir, "hook", "install", "--force"); r.code != 0 || !strings.Contains(r.stdout, "chained") {
			t.Errorf("--force: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("symbolic link", func(t *testing.T) {
		dir := newRepo(t)
		write(t, dir, "tools/pre-commit", "#!/bin/sh\n")
		os.Symlink("../../tools/pre-commit", filepath.Join(dir, ".git", "hooks", "pre-commit"))
		r := kh(t, dir, "hook", "install")
		if r.code != 2 || !strings.Contains(r.stderr, "symbolic link") {
			t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("not a repository", func(t *testing.T) {
		r := kh(t, t.TempDir(), "hook", "install")
		if r.code != 2 || !strings.Contains(r.stderr, "not a git repository") {
			t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	})
}

// TestHookInstallUnwritableHooksDir: as root, permissions do not stop
// writes, so the install runs as nobody there.
func TestHookInstallUnwritableHooksDir(t *testing.T) {
	needGitBinary(t)
	base := t.TempDir()
	os.Chmod(base, 0o755)
	os.Chmod(filepath.Dir(base), 0o755)
	dir := filepath.Join(base, "repo")
	os.Mkdir(dir, 0o755)
	gitT(t, dir, "init", "-q")
	hooks := filepath.Join(dir, ".git", "hooks")
	orig := "#!/bin/sh\nexit 0\n"
	os.WriteFile(filepath.Join(hooks, "pre-commit"), []byte(orig), 0o755)
	list := func() string {
		es, _ := os.ReadDir(hooks)
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		return strings.Join(names, " ")
	}
	before := list()
	os.Chmod(hooks, 0o555)
	defer os.Chmod(hooks, 0o755)

	cmd := exec.Command(keyhoundBinary(t), "hook", "install")
	cmd.Dir = dir
	cmd.Env = gitEnv()
	if os.Geteuid() == 0 {
		// nobody must be able to run the binary: copy it somewhere it can.
		bin := filepath.Join(base, "keyhound")
		b, err := os.ReadFile(keyhoundBinary(t))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(bin, b, 0o755)
		cmd.Path = bin
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "is not writable") {
		t.Fatalf("install into a read-only hooks dir: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(filepath.Join(hooks, "pre-commit")); string(b) != orig {
		t.Error("the existing hook changed")
	}
	if after := list(); after != before {
		t.Errorf("the hooks dir changed: %s, was %s", after, before)
	}
}

// repoRoot is the keyhound repository holding the test's directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	wd, _ := os.Getwd()
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".pre-commit-hooks.yaml")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatalf("no .pre-commit-hooks.yaml above %s", wd)
		}
	}
}

// hookRepo copies the keyhound repository's work tree as it is now
// (tracked and untracked files, less ignored ones) into a fresh one-commit
// repository for pre-commit try-repo, which would otherwise see only
// committed and tracked-modified files.
func hookRepo(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	r := runIn(t, root, gitEnv(), "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if r.code != 0 {
		t.Fatalf("git ls-files in %s: %s", root, r.stderr)
	}
	dst := t.TempDir()
	for _, rel := range strings.Split(strings.TrimRight(r.stdout, "\x00"), "\x00") {
		src := filepath.Join(root, rel)
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the work tree, or not a file
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		write(t, dst, rel, string(b))
	}
	gitT(t, dst, "init", "-q")
	gitT(t, dst, "add", "-A")
	gitT(t, dst, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "snapshot")
	return dst
}

func needPreCommit(t *testing.T) {
	t.Helper()
	needGitBinary(t)
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("the pre-commit binary is not installed (Debian: apt-get install pre-commit): .pre-commit-hooks.yaml is not exercised")
	}
}

// tryRepo runs pre-commit try-repo HOOKREPO ID in dir.
func tryRepo(t *testing.T, dir, hookRepo, id string, env []string) result {
	t.Helper()
	return runIn(t, dir, env, "pre-commit", "try-repo", hookRepo, id)
}

// TestPreCommitSystemHook drives .pre-commit-hooks.yaml's keyhound-system
// hook with the real pre-commit and the built keyhound on PATH.
func TestPreCommitSystemHook(t *testing.T) {
	needPreCommit(t)
	hr := hookRepo(t)
	env := hermeticEnv(filepath.Dir(keyhoundBinary(t))+string(os.PathListSeparator)+os.Getenv("PATH"), "PRE_COMMIT_HOME="+t.TempDir())

	dirty := newRepo(t)
	write(t, dirty, "svc/.env", envText)
	gitT(t, dirty, "add", "svc/.env")
	r := tryRepo(t, dirty, hr, "keyhound-system", env)
	out := r.stdout + r.stderr
	if r.code == 0 || !strings.Contains(out, "Failed") || !strings.Contains(out, "svc/.env:1") {
		t.Errorf("staged credential: exit %d\n%s", r.code, out)
	}
	if strings.Contains(out, binSecret) || strings.Contains(out, binKey) {
		t.Errorf("pre-commit output shows the credential in full:\n%s", out)
	}

	clean := newRepo(t)
	write(t, clean, "main.go", "package main\n")
	gitT(t, clean, "add", "main.go")
	if r := tryRepo(t, clean, hr, "keyhound-system", env); r.code != 0 || !strings.Contains(r.stdout, "Passed") {
		t.Errorf("clean staged file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestPreCommitGolangHook drives the language: golang hook: pre-commit
// builds keyhound from the repository with the go on PATH (go install
// ./...), offline: the module and build caches of this machine, no proxy.
func TestPreCommitGolangHook(t *testing.T) {
	needPreCommit(t)
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH for pre-commit's golang language")
	}
	goEnv := func(name string) string {
		out, err := exec.Command(goBin, "env", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	hr := hookRepo(t)
	env := hermeticEnv(os.Getenv("PATH"),
		"PRE_COMMIT_HOME="+t.TempDir(),
		"GOMODCACHE="+goEnv("GOMODCACHE"), "GOCACHE="+goEnv("GOCACHE"),
		"GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	dir := newRepo(t)
	write(t, dir, "keys.env", envText)
	gitT(t, dir, "add", "keys.env")
	r := tryRepo(t, dir, hr, "keyhound", env)
	out := r.stdout + r.stderr
	if r.code == 0 || !strings.Contains(out, "keys.env:1") || strings.Contains(out, binSecret) {
		t.Errorf("staged credential: exit %d\n%s", r.code, out)
	}
}

// TestHookCommitAll: `git commit -a` runs the hook with a temporary index
// (GIT_INDEX_FILE); a credential added to a tracked file that way is
// blocked too.
func TestHookCommitAll(t *testing.T) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git binary not installed")
	}
	dir := t.TempDir()
	g := func(args ...string) ([]byte, error) {
		cmd := exec.Command(gitBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		return cmd.CombinedOutput()
	}
	if out, err := g("init", "-q"); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	write(t, dir, "settings.env", "DEBUG=1\n")
	g("add", "settings.env")
	if out, err := g("commit", "-q", "-m", "base"); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	if r := runIn(t, dir, os.Environ(), keyhoundBinary(t), "hook", "install"); r.code != 0 {
		t.Fatalf("install: %d %s", r.code, r.stderr)
	}
	write(t, dir, "settings.env", "DEBUG=1\n"+envText) // tracked, not staged
	for _, args := range [][]string{{"commit", "-q", "-a", "-m", "all"}, {"commit", "-q", "-m", "paths", "settings.env"}} {
		out, err := g(args...)
		if err == nil {
			t.Errorf("git %v: the hook let a credential through:\n%s", args, out)
		}
		if !strings.Contains(string(out), "settings.env") {
			t.Errorf("git %v: output does not name the file:\n%s", args, out)
		}
	}
}
