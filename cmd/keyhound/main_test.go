package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var (
	buildOnce sync.Once
	built     string
	buildErr  error
)

// keyhoundBinary builds the keyhound executable once, for the few tests
// that need a process of its own: git running an installed hook, a
// signal. Every other test runs keyhound in-process (run).
func keyhoundBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "keyhound-e2e")
		if err != nil {
			buildErr = err
			return
		}
		built = filepath.Join(dir, "keyhound")
		// From this package's directory: in-process runs change the
		// working directory (t.Chdir) of the test that asks first.
		cmd := exec.Command("go", "build", "-o", built, ".")
		cmd.Dir = filepath.Join(moduleRoot, "cmd", "keyhound")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built
}

// moduleRoot is the module's directory (in-process runs change the
// working directory).
var moduleRoot string

func TestMain(m *testing.M) {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	moduleRoot = filepath.Join(wd, "..", "..")
	code := m.Run()
	if built != "" {
		os.RemoveAll(filepath.Dir(built))
	}
	os.Exit(code)
}

const (
	binKey    = "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf"
	binSecret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
	envText   = "BINANCE_API_KEY=" + binKey + "\nBINANCE_API_SECRET=" + binSecret + "\n"
)

type result struct {
	code           int
	stdout, stderr string
}

func keyhound(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	return run1(t, dir, stdin, nil, args...)
}

// keyhoundEnv runs keyhound with extra environment variables.
func keyhoundEnv(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	return run1(t, dir, "", env, args...)
}

// run1 runs keyhound in-process, in dir, with env added to the
// environment (both restored when the test ends); a run that has not
// ended two minutes after it was asked to stop fails the test (a hostile
// repository must never make keyhound block) instead of hanging the
// suite.
func run1(t *testing.T, dir, stdin string, env []string, args ...string) result {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, strings.NewReader(stdin), &out, &errb) }()
	select {
	case code := <-done:
		if ctx.Err() != nil {
			t.Fatalf("keyhound %v blocked (stopped by the deadline)\nstderr: %s", args, errb.String())
		}
		return result{code, out.String(), errb.String()}
	case <-time.After(4 * time.Minute):
		t.Fatalf("keyhound %v blocked and did not stop when asked", args)
	}
	return result{}
}

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScanExitCodes(t *testing.T) {
	clean := t.TempDir()
	write(t, clean, "app.py", "print('hello')\n")
	dirty := t.TempDir()
	write(t, dirty, "bot/.env", envText)
	badPack := t.TempDir()
	write(t, badPack, "pack.toml", "[[rules]]\nid = \"x\"\nregex = '''(unclosed'''\n")
	tests := []struct {
		name     string
		dir      string
		stdin    string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"clean directory", clean, "", []string{"scan", "."}, 0, "no exchange credentials found", ""},
		{"findings", dirty, "", []string{"scan", "."}, 1, "bot/.env:1", ""},
		{"findings are redacted", dirty, "", []string{"scan"}, 1, "Qm7x…(64 chars)", ""},
		{"stdin", clean, envText, []string{"scan", "-"}, 1, "stdin:1", ""},
		{"bad flag", clean, "", []string{"scan", "--nope"}, 2, "", "unknown flag"},
		{"bad format", clean, "", []string{"scan", "-f", "xml"}, 2, "", "unknown --format"},
		{"bad rule pack names file and line", badPack, "", []string{"scan", "--rules", "pack.toml", "."}, 2, "", "pack.toml:2"},
		{"unknown pack", clean, "", []string{"scan", "--pack", "nope"}, 2, "", `unknown pack "nope"`},
		{"missing path", clean, "", []string{"scan", "does-not-exist"}, 2, "", "does-not-exist"},
		{"history of a non-repository", clean, "", []string{"history", "."}, 2, "", "not a git repository"},
		{"version", clean, "", []string{"version"}, 0, "keyhound ", ""},
		{"rules", clean, "", []string{"rules"}, 0, "binance", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := keyhound(t, tt.dir, tt.stdin, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.inStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.inStdout, r.stdout)
			}
			if !strings.Contains(r.stderr, tt.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inStderr, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, binSecret) {
				t.Errorf("a secret leaked into the output")
			}
		})
	}
}

func TestHistoryJSON(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	write(t, dir, "config/.env", envText)
	wt.Add("config/.env")
	sig := &object.Signature{Name: "alice", Email: "a@example.com", When: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	first, err := wt.Commit("add keys", &git.CommitOptions{Author: sig})
	if err != nil {
		t.Fatal(err)
	}
	wt.Remove("config/.env")
	if _, err := wt.Commit("remove keys", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	r := keyhound(t, dir, "", "history", "-f", "json")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Findings []struct {
			RuleID      string `json:"rule_id"`
			Exchange    string `json:"exchange"`
			Fingerprint string `json:"fingerprint"`
			Complete    bool   `json:"complete"`
			InHead      bool   `json:"in_head"`
			Parts       []struct {
				Part, Value, File string
				Line              int
			} `json:"parts"`
			Locations []struct {
				Commit, Path, Author string
				Line                 int
				Date                 *time.Time
			} `json:"locations"`
			Verification any `json:"verification"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r.stdout)
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("%d findings", len(rep.Findings))
	}
	f := rep.Findings[0]
	if f.RuleID != "binance" || f.Exchange != "binance" || !f.Complete || f.InHead || len(f.Fingerprint) != 40 {
		t.Errorf("finding: %+v", f)
	}
	if len(f.Parts) != 2 || f.Parts[0].Part != "key" || f.Parts[0].Value == binKey || f.Parts[0].File != "config/.env" {
		t.Errorf("parts (must be redacted): %+v", f.Parts)
	}
	if len(f.Locations) != 1 || f.Locations[0].Commit != first.String() || f.Locations[0].Author != "alice" || f.Locations[0].Date == nil {
		t.Errorf("locations: %+v", f.Locations)
	}
	// --no-redact shows the values.
	r = keyhound(t, dir, "", "history", "-f", "json", "--no-redact")
	if !strings.Contains(r.stdout, binSecret) {
		t.Errorf("--no-redact did not show the secret")
	}
	// --report writes the file with mode 0600.
	r = keyhound(t, dir, "", "history", "-f", "json", "--report", "out.json")
	fi, err := os.Stat(filepath.Join(dir, "out.json"))
	if err != nil || fi.Mode().Perm() != 0o600 || r.code != 1 {
		t.Errorf("report file: %v mode %v exit %d", err, fi.Mode(), r.code)
	}
}

func TestStagedCommand(t *testing.T) {
	dir := t.TempDir()
	repo, _ := git.PlainInit(dir, false)
	wt, _ := repo.Worktree()
	write(t, dir, "ok.txt", "hello\n")
	wt.Add("ok.txt")
	if r := keyhound(t, dir, "", "staged"); r.code != 0 {
		t.Fatalf("clean staged change: exit %d %s", r.code, r.stdout+r.stderr)
	}
	write(t, dir, "bot.env", envText)
	wt.Add("bot.env")
	if r := keyhound(t, dir, "", "staged"); r.code != 1 || !strings.Contains(r.stdout, "bot.env") {
		t.Fatalf("staged key: exit %d %s", r.code, r.stdout+r.stderr)
	}
}

func TestConfigAndIgnoreFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "fixtures/keys.env", envText)
	if r := keyhound(t, dir, "", "scan"); r.code != 1 {
		t.Fatalf("setup: exit %d", r.code)
	}
	// .keyhound.toml in the root is picked up: allowlist the fixtures.
	write(t, dir, ".keyhound.toml", "[[allowlists]]\npaths = ['''^fixtures/''']\n")
	if r := keyhound(t, dir, "", "scan"); r.code != 0 {
		t.Errorf(".keyhound.toml allowlist ignored: exit %d %s", r.code, r.stdout)
	}
	os.Remove(filepath.Join(dir, ".keyhound.toml"))
	// .keyhoundignore with the fingerprint suppresses it too.
	r := keyhound(t, dir, "", "scan", "-f", "json")
	var rep struct {
		Findings []struct{ Fingerprint string } `json:"findings"`
	}
	json.Unmarshal([]byte(r.stdout), &rep)
	write(t, dir, ".keyhoundignore", rep.Findings[0].Fingerprint+"\n")
	if r := keyhound(t, dir, "", "scan"); r.code != 0 {
		t.Errorf(".keyhoundignore ignored: exit %d %s", r.code, r.stdout)
	}
}

func TestHistoryRangeFlag(t *testing.T) {
	dir := t.TempDir()
	repo, _ := git.PlainInit(dir, false)
	wt, _ := repo.Worktree()
	sig := func(s int) *object.Signature {
		return &object.Signature{Name: "bob", Email: "b@example.com", When: time.Date(2024, 3, 1, 0, 0, s, 0, time.UTC)}
	}
	write(t, dir, "a.txt", "hello\n")
	wt.Add("a.txt")
	base, _ := wt.Commit("base", &git.CommitOptions{Author: sig(1)})
	write(t, dir, "bot.env", envText)
	wt.Add("bot.env")
	head, _ := wt.Commit("add key", &git.CommitOptions{Author: sig(2)})
	tests := []struct {
		spec string
		code int
	}{
		{base.String() + ".." + head.String(), 1},
		{head.String() + ".." + head.String(), 0}, // same base and head: nothing to scan
		{base.String(), 0},                        // only the base commit's history
		{"HEAD", 1},
		{"nope..HEAD", 2},
		{"a...b", 2},
	}
	for _, tt := range tests {
		if r := keyhound(t, dir, "", "history", "--range", tt.spec); r.code != tt.code {
			t.Errorf("--range %s: exit %d, want %d\n%s%s", tt.spec, r.code, tt.code, r.stdout, r.stderr)
		}
	}
}

func TestBaselineAndIgnoreCommand(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "old.env", envText)
	r := keyhound(t, dir, "", "scan", "-f", "json", "--report", "base.json")
	if r.code != 1 {
		t.Fatalf("setup: exit %d", r.code)
	}
	// The baseline suppresses what it holds; a new credential still fails.
	if r := keyhound(t, dir, "", "scan", "--baseline", "base.json"); r.code != 0 {
		t.Errorf("baselined finding still reported: exit %d\n%s", r.code, r.stdout)
	}
	write(t, dir, "new.env", strings.ReplaceAll(envText, "Qm7x", "Zp4w"))
	if r := keyhound(t, dir, "", "scan", "--baseline", "base.json"); r.code != 1 || !strings.Contains(r.stdout, "new.env") || strings.Contains(r.stdout, "old.env") {
		t.Errorf("new finding with baseline: exit %d\n%s", r.code, r.stdout)
	}
	if r := keyhound(t, dir, "", "scan", "--baseline", "missing.json"); r.code != 2 {
		t.Errorf("missing baseline: exit %d", r.code)
	}
	write(t, dir, "notjson.json", "[1,2]")
	if r := keyhound(t, dir, "", "scan", "--baseline", "notjson.json"); r.code != 2 {
		t.Errorf("bad baseline: exit %d", r.code)
	}
	// keyhound ignore writes .keyhoundignore.
	var rep struct {
		Findings []struct{ Fingerprint string } `json:"findings"`
	}
	r = keyhound(t, dir, "", "scan", "-f", "json")
	json.Unmarshal([]byte(r.stdout), &rep)
	var fps []string
	for _, f := range rep.Findings {
		fps = append(fps, f.Fingerprint)
	}
	if r := keyhound(t, dir, "", append([]string{"ignore", "--reason", "test fixtures"}, fps...)...); r.code != 0 {
		t.Fatalf("ignore: exit %d %s", r.code, r.stderr)
	}
	if r := keyhound(t, dir, "", "scan"); r.code != 0 {
		t.Errorf("after keyhound ignore: exit %d\n%s", r.code, r.stdout)
	}
	if r := keyhound(t, dir, "", "ignore", "not-a-fingerprint"); r.code != 2 {
		t.Errorf("bad fingerprint: exit %d", r.code)
	}
}

func TestSARIFOutput(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bot/.env", envText)
	r := keyhound(t, dir, "", "scan", "-f", "sarif")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 || log.Runs[0].Results[0].RuleID != "binance" {
		t.Errorf("SARIF: %+v", log)
	}
	validateSARIF(t, []byte(r.stdout))
	// History SARIF (commit properties, related locations) validates too.
	repoDir := t.TempDir()
	repo, _ := git.PlainInit(repoDir, false)
	wt, _ := repo.Worktree()
	for i, name := range []string{"a b/ünï.env", "c.env"} {
		write(t, repoDir, name, envText)
		wt.Add(name)
		wt.Commit("add", &git.CommitOptions{Author: &object.Signature{Name: "x", Email: "x@example.com", When: time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC)}})
	}
	h := keyhound(t, repoDir, "", "history", "-f", "sarif")
	if h.code != 1 {
		t.Fatalf("history sarif: exit %d %s", h.code, h.stderr)
	}
	validateSARIF(t, []byte(h.stdout))
	if strings.Contains(r.stdout, binSecret) || strings.Contains(r.stdout, binKey) {
		t.Error("SARIF holds a secret")
	}
}

// validateSARIF checks out against the official SARIF 2.1.0 schema
// shipped in testdata/sarif.
func validateSARIF(t *testing.T, out []byte) {
	t.Helper()
	f, err := os.Open(filepath.Join(moduleRoot, "testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const loc = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(loc)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF output does not validate against the SARIF 2.1.0 schema:\n%v", err)
	}
}

func TestScanSingleFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "one.env", envText)
	if r := keyhound(t, dir, "", "scan", "one.env"); r.code != 1 || !strings.Contains(r.stdout, "one.env:1") {
		t.Errorf("single file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
