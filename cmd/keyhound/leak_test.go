package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestNoSecretInAnyOutput plants credentials in history, the working tree
// and the index, then runs every command verbosely in every format (with
// reports written to files, verification through a local server, and an
// error on the way) and checks that no planted value appears in full in
// anything keyhound wrote. With --no-redact they do appear: the check
// can fail.
func TestNoSecretInAnyOutput(t *testing.T) {
	dir := t.TempDir()
	repo, _ := git.PlainInit(dir, false)
	wt, _ := repo.Worktree()
	okxEnv := "OKX_API_KEY=0fdca03f-4788-487f-aa3f-0306bdf5d762\nOKX_SECRET_KEY=766E572CE85BE6A65031944F607A8657\nOKX_PASSPHRASE=M-GEuFN7VR63\n"
	planted := []string{binKey, binSecret, "0fdca03f-4788-487f-aa3f-0306bdf5d762", "766E572CE85BE6A65031944F607A8657", "M-GEuFN7VR63"}
	write(t, dir, "old/.env", envText)
	wt.Add("old/.env")
	wt.Commit("keys", &git.CommitOptions{Author: &object.Signature{Name: "a", Email: "a@example.com", When: time.Now()}})
	wt.Remove("old/.env")
	wt.Commit("rm", &git.CommitOptions{Author: &object.Signature{Name: "a", Email: "a@example.com", When: time.Now()}})
	write(t, dir, "bot/okx.env", okxEnv) // working tree
	write(t, dir, "staged.env", envText)
	wt.Add("staged.env") // index
	// A corrupt loose object, so an error is printed too.
	os.MkdirAll(filepath.Join(dir, ".git", "objects", "ff"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "objects", "ff", strings.Repeat("e", 38)), []byte("garbage"), 0o444)

	var calls int64
	srv := fakeBinance(t, &calls)
	reports := t.TempDir()
	var runs []result
	for _, mode := range [][]string{{"scan", "."}, {"history", "."}, {"staged", "."}, {"scan", "--history", "."}} {
		for _, format := range []string{"text", "json", "sarif"} {
			args := append(append([]string{}, mode...), "-v", "-f", format, "--verify", "--endpoint", "binance="+srv.URL)
			runs = append(runs, keyhound(t, dir, "", args...))
			rep := filepath.Join(reports, strings.Join(mode, "_")+"."+format)
			runs = append(runs, keyhound(t, dir, "", append(args, "--report", rep)...))
		}
	}
	runs = append(runs, keyhound(t, dir, "key="+binKey+"\nsecret="+binSecret+"\n", "verify", "--exchange", "binance", "--endpoint", "binance="+srv.URL))
	runs = append(runs, keyhound(t, dir, "key="+binKey+"\nsecret="+binSecret+"\n", "verify", "--exchange", "binance", "-f", "json", "--endpoint", "binance="+srv.URL))
	runs = append(runs, keyhound(t, dir, envText, "scan", "-", "-v"))
	if atomic.LoadInt64(&calls) == 0 {
		t.Fatal("verification never reached the local server; the test would not cover it")
	}
	files, _ := filepath.Glob(filepath.Join(reports, "*"))
	if len(files) != 12 {
		t.Fatalf("%d report files, want 12", len(files))
	}
	var outputs []string
	for _, r := range runs {
		outputs = append(outputs, r.stdout, r.stderr)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(f)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", f, fi.Mode().Perm())
		}
		outputs = append(outputs, string(b))
	}
	all := strings.Join(outputs, "\n")
	if !strings.Contains(all, "problem") && !strings.Contains(all, "corrupt") {
		t.Error("no error was printed; the test would not cover error paths")
	}
	for _, s := range planted {
		if strings.Contains(all, s) {
			t.Errorf("a planted value (%s…) appears in full in keyhound's output", s[:4])
		}
	}
	// The same run with --no-redact shows them: the check above can fail.
	shown := keyhound(t, dir, "", "history", "-f", "json", "--no-redact").stdout + keyhound(t, dir, "", "scan", "-f", "json", "--no-redact").stdout
	for _, s := range planted {
		if !strings.Contains(shown, s) {
			t.Errorf("--no-redact does not show %s…", s[:4])
		}
	}
}
