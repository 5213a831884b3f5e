package hook_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/hook"
)

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("the git binary is not installed: HooksDir is not compared with git's answer")
	}
}

// git runs git in dir and returns its trimmed output.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// gitHooksDir asks git where it runs hooks from in dir.
func gitHooksDir(t *testing.T, dir string) string {
	t.Helper()
	return filepath.Clean(git(t, dir, "rev-parse", "--path-format=absolute", "--git-path", "hooks"))
}

func initRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	git(t, dir, "commit", "-q", "--allow-empty", "-m", "init")
	return dir
}

func TestHooksDirAgreesWithGit(t *testing.T) {
	needGit(t)
	check := func(t *testing.T, dir, want string) {
		t.Helper()
		got, err := hook.HooksDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if g := gitHooksDir(t, dir); g != got {
			t.Errorf("HooksDir(%s) = %s; git says %s", dir, got, g)
		}
		if want != "" && got != want {
			t.Errorf("HooksDir(%s) = %s, want %s", dir, got, want)
		}
	}
	t.Run("work tree", func(t *testing.T) {
		repo := initRepo(t)
		check(t, repo, filepath.Join(repo, ".git", "hooks"))
		sub := filepath.Join(repo, "a", "b")
		os.MkdirAll(sub, 0o755)
		check(t, sub, filepath.Join(repo, ".git", "hooks"))
	})
	t.Run("linked worktree shares the main repository's hooks", func(t *testing.T) {
		repo := initRepo(t)
		wt := filepath.Join(t.TempDir(), "wt")
		git(t, repo, "worktree", "add", "-q", wt)
		check(t, wt, filepath.Join(repo, ".git", "hooks"))
	})
	t.Run("submodule", func(t *testing.T) {
		lib := initRepo(t)
		super := initRepo(t)
		git(t, super, "-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "lib")
		check(t, filepath.Join(super, "lib"), filepath.Join(super, ".git", "modules", "lib", "hooks"))
	})
	t.Run("relative core.hooksPath is from the work tree top", func(t *testing.T) {
		repo := initRepo(t)
		git(t, repo, "config", "core.hooksPath", ".githooks")
		check(t, repo, filepath.Join(repo, ".githooks"))
		sub := filepath.Join(repo, "sub")
		os.Mkdir(sub, 0o755)
		check(t, sub, filepath.Join(repo, ".githooks"))
	})
	t.Run("absolute core.hooksPath", func(t *testing.T) {
		repo := initRepo(t)
		hooks := filepath.Join(t.TempDir(), "shared-hooks")
		git(t, repo, "config", "core.hooksPath", hooks)
		check(t, repo, hooks)
	})
	t.Run("core.hooksPath under ~", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("HOME", home)
		repo := initRepo(t)
		git(t, repo, "config", "core.hooksPath", "~/hooks")
		check(t, repo, filepath.Join(home, "hooks"))
	})
	t.Run("global core.hooksPath, and the local one overriding it", func(t *testing.T) {
		global := filepath.Join(t.TempDir(), "gitconfig")
		hooks := filepath.Join(t.TempDir(), "global-hooks")
		writeFile(t, global, "[core]\n\thooksPath = "+hooks+"\n", 0o644)
		t.Setenv("GIT_CONFIG_GLOBAL", global)
		repo := initRepo(t)
		check(t, repo, hooks)
		git(t, repo, "config", "core.hooksPath", "local-hooks")
		check(t, repo, filepath.Join(repo, "local-hooks"))
	})
	t.Run("worktree-specific core.hooksPath", func(t *testing.T) {
		repo := initRepo(t)
		wt := filepath.Join(t.TempDir(), "wt")
		git(t, repo, "worktree", "add", "-q", wt)
		git(t, repo, "config", "extensions.worktreeConfig", "true")
		git(t, wt, "config", "--worktree", "core.hooksPath", "wt-hooks")
		check(t, wt, filepath.Join(wt, "wt-hooks"))
		check(t, repo, filepath.Join(repo, ".git", "hooks"))
	})
}

func TestHooksDirErrors(t *testing.T) {
	if _, err := hook.HooksDir(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a git repository") {
		t.Errorf("plain directory: %v", err)
	}
	needGit(t)
	bare := t.TempDir()
	git(t, bare, "init", "-q", "--bare")
	if _, err := hook.HooksDir(bare); err == nil || !strings.Contains(err.Error(), "bare repository") {
		t.Errorf("bare repository: %v", err)
	}
	if err := hook.Install(bare, hook.Options{}); err == nil {
		t.Error("Install in a bare repository should fail")
	}
}
