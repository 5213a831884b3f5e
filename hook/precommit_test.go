//go:build unix

package hook_test

// The hooks of .pre-commit-hooks.yaml driven by the real pre-commit
// (Debian: apt-get install pre-commit; .ci/run installs it), the way a
// developer (a commit) and CI (pre-commit run --all-files, as
// pre-commit.ci and pre-commit/action run it) use them.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const (
	pcKey    = "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf"
	pcSecret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
	pcEnv    = "BINANCE_API_KEY=" + pcKey + "\nBINANCE_API_SECRET=" + pcSecret + "\n"
)

func needPreCommit(t *testing.T) {
	t.Helper()
	needGit(t)
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("the pre-commit binary is not installed (Debian: apt-get install pre-commit): .pre-commit-hooks.yaml is not exercised")
	}
}

// shared is what the pre-commit tests make once: a keyhound binary
// (Go's build cache makes it quick), a snapshot of this repository for
// pre-commit to clone, and a PRE_COMMIT_HOME where pre-commit installs
// the hooks once for all the tests.
var shared struct {
	once                          sync.Once
	binDir, hookRepo, rev, pcHome string
	err                           error
}

func setupShared(t *testing.T) {
	t.Helper()
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "keyhound-precommit")
		if err != nil {
			shared.err = err
			return
		}
		sharedDirs = append(sharedDirs, dir)
		shared.binDir = filepath.Join(dir, "bin")
		shared.pcHome = filepath.Join(dir, "pre-commit-home")
		cmd := exec.Command("go", "build", "-o", filepath.Join(shared.binDir, "keyhound"), "./cmd/keyhound")
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			shared.err = fmt.Errorf("building keyhound: %v\n%s", err, out)
			return
		}
		shared.hookRepo = filepath.Join(dir, "hook-repo")
		shared.rev, shared.err = snapshotRepo(repoRoot(t), shared.hookRepo)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
}

// pathWithKeyhound is PATH with the built keyhound first.
func pathWithKeyhound(t *testing.T) string {
	setupShared(t)
	return shared.binDir + string(os.PathListSeparator) + os.Getenv("PATH")
}

// repoRoot is the keyhound repository holding this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".pre-commit-hooks.yaml")); err != nil {
		t.Fatalf("no .pre-commit-hooks.yaml in %s", root)
	}
	return root
}

// snapshotRepo copies the repository root's work tree as it is now (tracked
// and untracked files, less ignored ones) into a fresh one-commit
// repository dst, since pre-commit reads a hook repository's committed
// files only; it returns the commit.
func snapshotRepo(root, dst string) (string, error) {
	run := func(dir string, args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("git %s: %v", strings.Join(args, " "), err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	files, err := run(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return "", err
	}
	for _, rel := range strings.Split(strings.TrimRight(files, "\x00"), "\x00") {
		src := filepath.Join(root, rel)
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the work tree, or not a file
		}
		b, err := os.ReadFile(src)
		if err != nil {
			return "", err
		}
		p := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return "", err
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "snapshot"}} {
		if _, err := run(dst, args...); err != nil {
			return "", err
		}
	}
	return run(dst, "rev-parse", "HEAD")
}

// pcRun is one pre-commit run.
type pcRun struct {
	code int
	out  string
}

// preCommit runs pre-commit with args in dir, with PATH as given, the
// environment of TestMain (no GIT_*, no git configuration) and extra.
func preCommit(t *testing.T, dir, path string, extra []string, args ...string) pcRun {
	t.Helper()
	cmd := exec.Command("pre-commit", args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "PATH" && !strings.HasPrefix(k, "PRE_COMMIT") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "PATH="+path, "PRE_COMMIT_HOME="+shared.pcHome, "PRE_COMMIT_COLOR=never",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	cmd.Env = append(cmd.Env, extra...)
	out, err := cmd.CombinedOutput()
	r := pcRun{out: string(out)}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("pre-commit %v: %v", args, err)
	}
	return r
}

// leakyRepo is a repository with a credential committed in svc/.env and
// a .pre-commit-config.yaml naming the hook repository at rev with the
// hooks ids; nothing is staged.
func leakyRepo(t *testing.T, ids ...string) string {
	t.Helper()
	setupShared(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	config := "repos:\n  - repo: " + shared.hookRepo + "\n    rev: " + shared.rev + "\n    hooks:\n"
	for _, id := range ids {
		config += "      - id: " + id + "\n"
	}
	writeFile(t, filepath.Join(dir, ".pre-commit-config.yaml"), config, 0o644)
	writeFile(t, filepath.Join(dir, "svc", ".env"), pcEnv, 0o644)
	writeFile(t, filepath.Join(dir, "README.md"), "# app\n", 0o644)
	writeFile(t, filepath.Join(dir, "docs", "my notes.txt"), "nothing here\n", 0o644)
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "the leak, committed without the hook")
	return dir
}

// hookResult is pre-commit's line for one hook: "Passed", "Failed" or
// "" when it is not in the output.
func hookResult(out, name string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, name) {
			switch {
			case strings.HasSuffix(line, "Passed"):
				return "Passed"
			case strings.HasSuffix(line, "Failed"):
				return "Failed"
			case strings.HasSuffix(line, "Skipped"):
				return "Skipped"
			}
		}
	}
	return ""
}

func checkRedacted(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(out, pcKey) || strings.Contains(out, pcSecret) {
		t.Errorf("pre-commit output shows the credential in full:\n%s", out)
	}
}

const (
	stagedName = "keyhound (exchange API credentials in staged changes)"
	filesName  = "keyhound (exchange API credentials in files)"
)

// TestPreCommitRunAllFiles is what pre-commit.ci and pre-commit/action
// run: pre-commit run --all-files over a repository whose history holds
// a credential, nothing staged. The files hook fails naming the file;
// the staged hook passes (it reads only staged changes: the reason the
// files hook exists, and the README says which to use where).
func TestPreCommitRunAllFiles(t *testing.T) {
	needPreCommit(t)
	t.Parallel()
	path := pathWithKeyhound(t)
	dir := leakyRepo(t, "keyhound-files-system", "keyhound-system")
	r := preCommit(t, dir, path, nil, "run", "--all-files")
	if r.code != 1 || hookResult(r.out, filesName) != "Failed" || !strings.Contains(r.out, "svc/.env:1") {
		t.Errorf("files hook over a committed credential: exit %d, want 1 with svc/.env:1\n%s", r.code, r.out)
	}
	if got := hookResult(r.out, stagedName); got != "Passed" {
		t.Errorf("staged hook under --all-files: %q, want Passed (it checks only the staged changes)\n%s", got, r.out)
	}
	checkRedacted(t, r.out)

	// The leak removed: every file passes.
	writeFile(t, filepath.Join(dir, "svc", ".env"), "BINANCE_API_KEY=\n", 0o644)
	git(t, dir, "commit", "-q", "-am", "rotated")
	if r := preCommit(t, dir, path, nil, "run", "--all-files"); r.code != 0 || hookResult(r.out, filesName) != "Passed" {
		t.Errorf("clean files: exit %d\n%s", r.code, r.out)
	}
}

// TestPreCommitFilesHookAtCommit: at a commit, pre-commit passes the
// staged files only. A clean change passes even though another file
// holds a credential; a staged credential fails, named by its path in
// the repository.
func TestPreCommitFilesHookAtCommit(t *testing.T) {
	needPreCommit(t)
	t.Parallel()
	path := pathWithKeyhound(t)
	dir := leakyRepo(t, "keyhound-files-system")

	writeFile(t, filepath.Join(dir, "docs", "my notes.txt"), "still nothing\n", 0o644)
	git(t, dir, "add", "docs")
	if r := preCommit(t, dir, path, nil, "run"); r.code != 0 || hookResult(r.out, filesName) != "Passed" {
		t.Errorf("clean staged file (the leak elsewhere is not passed): exit %d\n%s", r.code, r.out)
	}
	git(t, dir, "commit", "-q", "-m", "notes")

	writeFile(t, filepath.Join(dir, "deploy", "prod config.env"), pcEnv, 0o644)
	writeFile(t, filepath.Join(dir, "app.py"), "print('hi')\n", 0o644)
	git(t, dir, "add", "deploy", "app.py")
	r := preCommit(t, dir, path, nil, "run")
	if r.code != 1 || hookResult(r.out, filesName) != "Failed" || !strings.Contains(r.out, "deploy/prod config.env:1") {
		t.Errorf("staged credential: exit %d, want 1 naming deploy/prod config.env:1\n%s", r.code, r.out)
	}
	if strings.Contains(r.out, "svc/.env") {
		t.Errorf("a file that was not passed was scanned:\n%s", r.out)
	}
	checkRedacted(t, r.out)
}

// TestPreCommitFilesHookGolang: the language: golang variant, built by
// pre-commit with the go on PATH (go install), offline: this machine's
// module and build caches, no proxy.
func TestPreCommitFilesHookGolang(t *testing.T) {
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
	t.Parallel()
	offline := []string{"GOMODCACHE=" + goEnv("GOMODCACHE"), "GOCACHE=" + goEnv("GOCACHE"), "GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS="}
	dir := leakyRepo(t, "keyhound-files")
	r := preCommit(t, dir, os.Getenv("PATH"), offline, "run", "--all-files")
	if r.code != 1 || hookResult(r.out, filesName) != "Failed" || !strings.Contains(r.out, "svc/.env:1") {
		t.Errorf("golang files hook over a committed credential: exit %d\n%s", r.code, r.out)
	}
	checkRedacted(t, r.out)
}
