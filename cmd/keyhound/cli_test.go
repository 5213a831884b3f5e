package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/scan"
)

// TestOwnTreeScansClean: the README's first command, keyhound scan . on
// this repository, exits 0: the project's own files (rule packs, the
// embedded gitleaks configuration, docs) hold no credential, and its test
// fixtures are allow-listed by its .keyhound.toml.
func TestOwnTreeScansClean(t *testing.T) {
	r := keyhound(t, moduleRoot, "", "scan", ".")
	if r.code != 0 {
		t.Fatalf("keyhound scan . on the project exits %d, want 0\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}

// TestVersionFlag: keyhound --version and keyhound version print the
// same version; a release build's -X main.version wins over the build
// information, and reports carry it.
func TestVersionFlag(t *testing.T) {
	dir := t.TempDir()
	want := "keyhound " + toolVersion() + "\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		r := keyhound(t, dir, "", args...)
		if r.code != 0 || r.stdout != want {
			t.Errorf("keyhound %v = %d %q, want 0 %q", args, r.code, r.stdout, want)
		}
	}
	if r := keyhound(t, dir, "", "-v"); r.code != 2 {
		t.Errorf("keyhound -v: exit %d; -v is --verbose on the scans, not --version", r.code)
	}
	old := version
	version = "v1.2.3"
	t.Cleanup(func() { version = old })
	if r := keyhound(t, dir, "", "--version"); r.stdout != "keyhound v1.2.3\n" {
		t.Errorf("with -X main.version=v1.2.3: %q", r.stdout)
	}
	r := keyhound(t, dir, envText, "scan", "-", "-f", "json")
	var rep struct{ Version string }
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Version != "v1.2.3" {
		t.Errorf("JSON report version %q (%v), want v1.2.3", rep.Version, err)
	}
}

func TestColorFor(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		mode     string
		terminal bool
		env      func(string) string
		want     bool
	}{
		{"auto", true, env("TERM", "xterm-256color"), true},
		{"auto", false, env("TERM", "xterm-256color"), false},
		{"auto", true, env("NO_COLOR", "1"), false},
		{"auto", true, env("NO_COLOR", "0"), false}, // any value: no-color.org
		{"auto", true, env("NO_COLOR", ""), true},   // empty: unset
		{"auto", true, env("TERM", "dumb"), false},
		{"never", true, env(), false},
		{"always", false, env("NO_COLOR", "1", "TERM", "dumb"), true},
	}
	for _, tt := range tests {
		got, err := colorFor(tt.mode, tt.terminal, tt.env)
		if err != nil || got != tt.want {
			t.Errorf("colorFor(%q, terminal=%v, NO_COLOR=%q TERM=%q) = %v, %v; want %v", tt.mode, tt.terminal, tt.env("NO_COLOR"), tt.env("TERM"), got, err, tt.want)
		}
	}
	if progressFor(true, env("TERM", "dumb")) || !progressFor(true, env("TERM", "xterm")) || progressFor(false, env()) {
		t.Error("progress: want it on a terminal only, and not with TERM=dumb")
	}
}

// TestColorFlag: --color=always colours the text report even into a pipe,
// never and auto (not a terminal) do not; a bad value is an error.
func TestColorFlag(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bot/.env", envText)
	for _, tt := range []struct {
		flag  string
		env   []string
		color bool
	}{
		{"--color=always", []string{"NO_COLOR=1"}, true},
		{"--color=never", nil, false},
		{"--color=auto", nil, false},
	} {
		r := keyhoundEnv(t, dir, tt.env, "scan", tt.flag, ".")
		if r.code != 1 || strings.Contains(r.stdout, "\x1b[") != tt.color {
			t.Errorf("%s: exit %d, colour %v, want colour %v:\n%q", tt.flag, r.code, !tt.color, tt.color, r.stdout)
		}
	}
	if r := keyhound(t, dir, "", "scan", "--color=sometimes", "."); r.code != 2 || !strings.Contains(r.stderr, "--color") {
		t.Errorf("bad --color: %d %s", r.code, r.stderr)
	}
}

// TestReportFormatFromExtension: without --format, --report's extension
// chooses the format; --format wins when given.
func TestReportFormatFromExtension(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bot/.env", envText)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if r := keyhound(t, dir, "", "scan", "--report", "out.json", "bot"); r.code != 1 || !strings.Contains(r.stdout, "(json)") {
		t.Fatalf("--report out.json: %d %s %s", r.code, r.stdout, r.stderr)
	}
	var rep struct{ Findings []any }
	if err := json.Unmarshal([]byte(read("out.json")), &rep); err != nil || len(rep.Findings) != 1 {
		t.Errorf("out.json is not the JSON report (%v): %s", err, read("out.json"))
	}
	keyhound(t, dir, "", "scan", "--report", "out.sarif", "bot")
	var log struct{ Version string }
	if err := json.Unmarshal([]byte(read("out.sarif")), &log); err != nil || log.Version != "2.1.0" {
		t.Errorf("out.sarif is not SARIF 2.1.0 (%v)", err)
	}
	keyhound(t, dir, "", "scan", "--report", "out.jsonl", "bot")
	if lines := strings.Split(strings.TrimSpace(read("out.jsonl")), "\n"); len(lines) != 1 || !json.Valid([]byte(lines[0])) {
		t.Errorf("out.jsonl: %q", read("out.jsonl"))
	}
	keyhound(t, dir, "", "scan", "-f", "text", "--report", "forced.json", "bot")
	if out := read("forced.json"); json.Valid([]byte(out)) || !strings.Contains(out, "BINANCE") {
		t.Errorf("-f text --report forced.json wrote %q, want text", out)
	}
	keyhound(t, dir, "", "scan", "--report", "plain", "bot")
	if out := read("plain"); !strings.Contains(out, "BINANCE") || json.Valid([]byte(out)) {
		t.Errorf("--report plain (no extension) wrote %q, want text", out)
	}
}

// TestJSONLFormat: --format jsonl writes one finding a line, the same
// findings as the JSON report.
func TestJSONLFormat(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/.env", envText)
	write(t, dir, "b/okx.py", `OKX_API_KEY = "0fdc2b5a-8f0c-4d7e-9a1b-3c5d7e9f1a2b"
OKX_SECRET_KEY = "766E1B2C3D4E5F60718293A4B5C6D7E8"
OKX_PASSPHRASE = "M-9x!kQ2pL"
`)
	r := keyhound(t, dir, "", "scan", "-f", "jsonl", ".")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var full struct {
		Findings []struct{ Fingerprint string }
	}
	if err := json.Unmarshal([]byte(keyhound(t, dir, "", "scan", "-f", "json", ".").stdout), &full); err != nil {
		t.Fatal(err)
	}
	var got []string
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	for sc.Scan() {
		var f struct {
			Fingerprint string
			Parts       []struct{ Value string }
		}
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, f.Fingerprint)
	}
	if len(got) != len(full.Findings) || len(got) < 2 {
		t.Fatalf("%d lines, JSON report has %d findings (want at least 2):\n%s", len(got), len(full.Findings), r.stdout)
	}
	for i, f := range full.Findings {
		if got[i] != f.Fingerprint {
			t.Errorf("line %d: fingerprint %s, JSON report %s", i+1, got[i], f.Fingerprint)
		}
	}
	if strings.Contains(r.stdout, binKey) || strings.Contains(r.stdout, binSecret) {
		t.Error("jsonl output holds a secret in full")
	}
}

// TestPerCommandFlags: each command takes only the flags that apply to
// it, and says how it is used with examples.
func TestPerCommandFlags(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"version", "--verify"},
		{"rules", "--baseline", "x.json"},
		{"hook", "install", "--only-live"},
		{"verifiers", "--format", "json"},
		{"ignore", "--verify", strings.Repeat("a", 40)},
		{"completion", "bash", "--min-risk", "high"},
	} {
		if r := keyhound(t, dir, "", args...); r.code != 2 || !strings.Contains(r.stderr, "unknown flag") {
			t.Errorf("keyhound %v: exit %d, stderr %q; want an unknown flag", args, r.code, r.stderr)
		}
	}
	r := keyhound(t, dir, "", "rules", "--help")
	if strings.Contains(r.stdout, "--verify") || strings.Contains(r.stdout, "--baseline") || !strings.Contains(r.stdout, "--pack") {
		t.Errorf("rules --help shows flags that are not its own, or lacks --pack:\n%s", r.stdout)
	}
	r = keyhound(t, dir, "", "history", "--help")
	for _, want := range []string{"--range", "--verify", "--baseline", "--color", "Examples:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("history --help lacks %s", want)
		}
	}
	code := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && c.Name() != "help" && c.Name() != "version" && c.Name() != "uninstall" && c.Parent() != nil && c.Parent().Name() != "completion" && c.Name() != "completion" && c.Example == "" {
			t.Errorf("%s has no examples in --help", c.CommandPath())
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(newRoot(t.Context(), nil, &bytes.Buffer{}, &bytes.Buffer{}, &code))
}

// TestProgressLine: the status line names the phase, how many of how
// many with a percentage and the time left when the total is known, and
// the bytes read with their rate.
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b)
	p.throttle = 0
	p.update(scan.Progress{Phase: "blobs", Done: 2000, Bytes: 9e6})
	p.update(scan.Progress{Phase: "provenance", Done: 1000, Total: 4000})
	out := b.String()
	for _, want := range []string{"blobs (9 MB, ", "MB/s)", "2000/-", "provenance", "25%", "1000/4000", "obj/s", "[0s:"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q:\n%q", want, out)
		}
	}
	b.Reset()
	p.clear()
	if strings.TrimSpace(strings.Trim(b.String(), "\r")) != "" {
		t.Errorf("clear wrote %q", b.String())
	}
	// Not a terminal: no progress at all.
	dir := t.TempDir()
	write(t, dir, "a.env", envText)
	if r := keyhound(t, dir, "", "scan", "."); strings.Contains(r.stderr, "\r") {
		t.Errorf("progress drawn on a non-terminal: %q", r.stderr)
	}
}

// TestGitleaksConfig: a repository with a .gitleaks.toml and no
// .keyhound.toml is scanned with it; one that extends the default gets
// gitleaks' default rules besides keyhound's packs, and stderr says which
// packs are active; .keyhound.toml, when present, is the configuration.
func TestGitleaksConfig(t *testing.T) {
	const pat = "ghp_Rk3mX8vQ2pL7wN4cT9bY6hJ1gF5dS0aZ3eU8"
	files := func(t *testing.T, cfgName, cfg string) string {
		dir := t.TempDir()
		write(t, dir, "bot/.env", envText)
		write(t, dir, "deploy/config.py", "token = \""+pat+"\"\n")
		if cfgName != "" {
			write(t, dir, cfgName, cfg)
		}
		return dir
	}
	rulesOf := func(t *testing.T, r result) map[string]bool {
		var rep struct {
			Findings []struct {
				RuleID string `json:"rule_id"`
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%v: %s %s", err, r.stdout, r.stderr)
		}
		m := map[string]bool{}
		for _, f := range rep.Findings {
			m[f.RuleID] = true
		}
		return m
	}
	extending := "title = \"gitleaks config\"\n[extend]\nuseDefault = true\n"
	t.Run("extends the default", func(t *testing.T) {
		dir := files(t, ".gitleaks.toml", extending)
		r := keyhound(t, dir, "", "scan", "-f", "json", ".")
		got := rulesOf(t, r)
		if !got["github-pat"] || !got["binance"] || r.code != 1 {
			t.Errorf("exit %d, rules %v: want gitleaks' github-pat and keyhound's binance", r.code, got)
		}
		if !strings.Contains(r.stderr, "active packs keyhound, gitleaks, .gitleaks.toml") {
			t.Errorf("stderr does not say which packs are active: %q", r.stderr)
		}
	})
	t.Run("its allowlist applies", func(t *testing.T) {
		dir := files(t, ".gitleaks.toml", "[allowlist]\npaths = ['''^bot/''', '''^deploy/''']\n")
		if r := keyhound(t, dir, "", "scan", "."); r.code != 0 {
			t.Errorf("the .gitleaks.toml allowlist was not applied: %d %s", r.code, r.stdout)
		}
	})
	t.Run("without useDefault", func(t *testing.T) {
		dir := files(t, ".gitleaks.toml", "title = \"own rules only\"\n")
		r := keyhound(t, dir, "", "scan", "-f", "json", ".")
		if got := rulesOf(t, r); got["github-pat"] || !got["binance"] {
			t.Errorf("rules %v: want keyhound's packs, not gitleaks' defaults", got)
		}
	})
	t.Run(".keyhound.toml wins", func(t *testing.T) {
		dir := files(t, ".gitleaks.toml", "[allowlist]\npaths = ['''^bot/''']\n")
		write(t, dir, ".keyhound.toml", extending) // keyhound's own: useDefault means keyhound's packs
		r := keyhound(t, dir, "", "scan", "-f", "json", ".")
		if got := rulesOf(t, r); got["github-pat"] || !got["binance"] {
			t.Errorf("rules %v: want .keyhound.toml alone (binance not allow-listed, no gitleaks rules)", got)
		}
	})
	t.Run("read through the safe reader", func(t *testing.T) {
		dir := files(t, "", "")
		outside := filepath.Join(t.TempDir(), "gitleaks.toml")
		write(t, filepath.Dir(outside), "gitleaks.toml", "[allowlist]\npaths = ['''.*''']\n")
		if err := os.Symlink(outside, filepath.Join(dir, ".gitleaks.toml")); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		r := keyhound(t, dir, "", "scan", ".")
		if r.code != 2 || !strings.Contains(r.stderr, ".gitleaks.toml") {
			t.Errorf("a .gitleaks.toml that is a symbolic link: exit %d, stderr %q; want it refused", r.code, r.stderr)
		}
	})
	t.Run("--config names a gitleaks config", func(t *testing.T) {
		dir := files(t, "", "")
		write(t, filepath.Join(dir, "ci"), "gitleaks.toml", extending)
		r := keyhound(t, dir, "", "scan", "-f", "json", "--config", "ci/gitleaks.toml", ".")
		if got := rulesOf(t, r); !got["github-pat"] || !got["binance"] {
			t.Errorf("rules %v", got)
		}
	})
}
