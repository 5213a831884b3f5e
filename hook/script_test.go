package hook_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/hook"
)

// fakeKeyhound writes an executable sh script standing in for keyhound:
// it records its arguments and KEYHOUND_HOOK in $FAKE_LOG, prints a line
// and exits with $FAKE_EXIT.
func fakeKeyhound(t *testing.T, path string) {
	t.Helper()
	writeFile(t, path, `#!/bin/sh
echo "args=$* env=$`+hook.EnvHook+` dir=$(pwd)" >> "$FAKE_LOG"
echo "fake report"
exit "${FAKE_EXIT:-0}"
`, 0o755)
}

// runHook runs the installed hook as git would: from the work tree top.
func runHook(t *testing.T, repo, hooks, path string, env ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(hooks, hook.HookName))
	cmd.Dir = repo
	cmd.Env = append([]string{"PATH=" + path}, env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String()
}

// TestHookScript runs the hook script itself (no git needed) against a
// fake keyhound: the exit statuses, the advice, the chained hook, the
// fallback to PATH and an awkward binary path.
func TestHookScript(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the hook with")
	}
	// A PATH with only the tools the script needs, so that no keyhound
	// installed on the machine is found by accident.
	sysPath := t.TempDir()
	for _, tool := range []string{"dirname", "cat"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Skipf("no %s to run the hook with", tool)
		}
		if err := os.Symlink(p, filepath.Join(sysPath, tool)); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(t.TempDir(), "it's a $dir", "keyhound")
	fakeKeyhound(t, bin)

	t.Run("exit statuses", func(t *testing.T) {
		repo, hooks := fakeRepo(t)
		if err := hook.Install(repo, hook.Options{Binary: bin}); err != nil {
			t.Fatal(err)
		}
		log := filepath.Join(t.TempDir(), "log")
		code, out := runHook(t, repo, hooks, sysPath, "FAKE_LOG="+log, "FAKE_EXIT=0")
		if code != 0 || !strings.Contains(out, "fake report") || strings.Contains(out, "keyhound:allow") {
			t.Errorf("clean: exit %d\n%s", code, out)
		}
		if got := readFile(t, log); got != "args=staged env=1 dir="+repo+"\n" {
			t.Errorf("keyhound ran as %q", got)
		}
		code, out = runHook(t, repo, hooks, sysPath, "FAKE_LOG="+log, "FAKE_EXIT=1")
		if code != 1 || !strings.Contains(out, "fake report") || !strings.Contains(out, hook.Advice) {
			t.Errorf("findings: exit %d, want 1 with the report and the advice\n%s", code, out)
		}
		code, out = runHook(t, repo, hooks, sysPath, "FAKE_LOG="+log, "FAKE_EXIT=2")
		if code != 2 || !strings.Contains(out, `"keyhound staged" failed (exit status 2)`) || strings.Contains(out, "keyhound:allow") {
			t.Errorf("error: exit %d, want 2 and a blocked commit\n%s", code, out)
		}
	})

	t.Run("chained hook runs first and its failure blocks", func(t *testing.T) {
		repo, hooks := fakeRepo(t)
		writeFile(t, filepath.Join(hooks, hook.HookName), `#!/bin/sh
echo chained >> "$FAKE_LOG"
exit "${CHAINED_EXIT:-0}"
`, 0o755)
		if err := hook.Install(repo, hook.Options{Binary: bin}); err != nil {
			t.Fatal(err)
		}
		log := filepath.Join(t.TempDir(), "log")
		if code, out := runHook(t, repo, hooks, sysPath, "FAKE_LOG="+log); code != 0 {
			t.Fatalf("exit %d\n%s", code, out)
		}
		if got := readFile(t, log); !strings.HasPrefix(got, "chained\nargs=staged") {
			t.Errorf("order of runs: %q", got)
		}
		os.Remove(log)
		if code, out := runHook(t, repo, hooks, sysPath, "FAKE_LOG="+log, "CHAINED_EXIT=7"); code != 7 {
			t.Errorf("failing chained hook: exit %d, want its 7\n%s", code, out)
		}
		if got := readFile(t, log); got != "chained\n" {
			t.Errorf("keyhound should not run after the chained hook failed: %q", got)
		}
	})

	t.Run("a chained hook that is not executable is skipped, as git would", func(t *testing.T) {
		repo, hooks := fakeRepo(t)
		writeFile(t, filepath.Join(hooks, hook.HookName), "#!/bin/sh\nexit 9\n", 0o644)
		if err := hook.Install(repo, hook.Options{Binary: bin}); err != nil {
			t.Fatal(err)
		}
		if code, out := runHook(t, repo, hooks, sysPath, "FAKE_LOG="+os.DevNull); code != 0 {
			t.Errorf("exit %d\n%s", code, out)
		}
	})

	t.Run("falls back to keyhound on PATH", func(t *testing.T) {
		repo, hooks := fakeRepo(t)
		if err := hook.Install(repo, hook.Options{Binary: "/nonexistent/keyhound"}); err != nil {
			t.Fatal(err)
		}
		pathDir := t.TempDir()
		fakeKeyhound(t, filepath.Join(pathDir, "keyhound"))
		log := filepath.Join(t.TempDir(), "log")
		if code, out := runHook(t, repo, hooks, pathDir+":"+sysPath, "FAKE_LOG="+log); code != 0 {
			t.Errorf("exit %d\n%s", code, out)
		}
		if !strings.HasPrefix(readFile(t, log), "args=staged") {
			t.Error("keyhound on PATH did not run")
		}
		// Found nowhere: blocked, with an explanation.
		code, out := runHook(t, repo, hooks, sysPath)
		if code != 1 || !strings.Contains(out, "cannot find keyhound (not at /nonexistent/keyhound, nor on PATH)") || !strings.Contains(out, "keyhound hook uninstall") {
			t.Errorf("no keyhound: exit %d\n%s", code, out)
		}
	})
}
