package keyhound_test

// Releases (issue 13, item 11): .goreleaser.yaml builds the six targets
// with checksums and version stamping; the Action (action/release.sh)
// downloads its own ref's release binary, verifies it against the
// release's checksums.txt, caches it, and builds from source when no
// release matches. The downloads are served by a local HTTP server laid
// out as github.com is (KEYHOUND_ACTION_RELEASE_BASE_URL, for tests).

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// goreleaserConfig is the part of .goreleaser.yaml the tests read.
type goreleaserConfig struct {
	Version int `yaml:"version"`
	Builds  []struct {
		ID      string   `yaml:"id"`
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Ignore  []any    `yaml:"ignore"`
	} `yaml:"builds"`
	Archives []struct {
		NameTemplate    string   `yaml:"name_template"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
}

func readGoreleaser(t *testing.T) goreleaserConfig {
	t.Helper()
	b, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c goreleaserConfig
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	return c
}

// releaseTarget is one GOOS/GOARCH of a release, and the runner.os and
// runner.arch GitHub names it by.
type releaseTarget struct{ goos, goarch, runnerOS, runnerArch string }

var releaseTargets = []releaseTarget{
	{"linux", "amd64", "Linux", "X64"}, {"linux", "arm64", "Linux", "ARM64"},
	{"darwin", "amd64", "macOS", "X64"}, {"darwin", "arm64", "macOS", "ARM64"},
	{"windows", "amd64", "Windows", "X64"}, {"windows", "arm64", "Windows", "ARM64"},
}

// assetName renders .goreleaser.yaml's archive name for a target, as
// GoReleaser does: the name template, then the format's extension.
func assetName(t *testing.T, c goreleaserConfig, goos, goarch string) string {
	t.Helper()
	a := c.Archives[0]
	name := strings.NewReplacer("{{ .ProjectName }}", "keyhound", "{{ .Os }}", goos, "{{ .Arch }}", goarch).Replace(a.NameTemplate)
	if strings.Contains(name, "{{") {
		t.Fatalf("archive name_template %q uses more than .ProjectName, .Os and .Arch", a.NameTemplate)
	}
	formats := a.Formats
	for _, o := range a.FormatOverrides {
		if o.Goos == goos {
			formats = o.Formats
		}
	}
	if len(formats) != 1 {
		t.Fatalf("%s: archive formats %q, want one", goos, formats)
	}
	return name + "." + formats[0]
}

func TestGoReleaserConfig(t *testing.T) {
	c := readGoreleaser(t)
	if c.Version != 2 {
		t.Errorf("version %d, want 2 (GoReleaser v2)", c.Version)
	}
	if len(c.Builds) != 1 || len(c.Archives) != 1 {
		t.Fatalf("%d builds and %d archives, want one of each", len(c.Builds), len(c.Archives))
	}
	b := c.Builds[0]
	if b.Main != "./cmd/keyhound" || b.Binary != "keyhound" {
		t.Errorf("build main %q binary %q, want ./cmd/keyhound, keyhound", b.Main, b.Binary)
	}
	var targets []string
	for _, os := range b.Goos {
		for _, arch := range b.Goarch {
			targets = append(targets, os+"/"+arch)
		}
	}
	sort.Strings(targets)
	if got := strings.Join(targets, " "); got != "darwin/amd64 darwin/arm64 linux/amd64 linux/arm64 windows/amd64 windows/arm64" || len(b.Ignore) != 0 {
		t.Errorf("targets %s (ignore %v), want linux, darwin, windows × amd64, arm64", got, b.Ignore)
	}
	if !strings.Contains(strings.Join(b.Env, " "), "CGO_ENABLED=0") {
		t.Errorf("env %q: want CGO_ENABLED=0 (static binaries, cross-compiled)", b.Env)
	}
	if !strings.Contains(strings.Join(b.Ldflags, " "), "-X main.version={{.Version}}") {
		t.Errorf("ldflags %q do not stamp main.version", b.Ldflags)
	}
	if c.Checksum.NameTemplate != "checksums.txt" || c.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %+v, want checksums.txt, sha256 (what action/release.sh reads)", c.Checksum)
	}
	seen := map[string]bool{}
	for _, tg := range releaseTargets {
		name := assetName(t, c, tg.goos, tg.goarch)
		if seen[name] || strings.Contains(name, "Version") {
			t.Errorf("archive name %q: not one per target, or carries a version", name)
		}
		seen[name] = true
	}
	// The variable -X sets: a package-level string named version in
	// package main of cmd/keyhound.
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, "cmd/keyhound", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range pkgs["main"].Files {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						found = found || n.Name == "version"
					}
				}
			}
		}
	}
	if !found {
		t.Error("cmd/keyhound has no package-level var version for -X main.version")
	}
}

// releaseServer serves releases of owner/keyhound the way github.com
// does: /OWNER/REPO/releases/download/TAG/FILE, and /releases/latest
// redirecting to /releases/tag/LATEST.
type releaseServer struct {
	*httptest.Server
	mu       sync.Mutex
	files    map[string][]byte // URL path -> body
	latest   string
	requests []string
}

func newReleaseServer(t *testing.T) *releaseServer {
	rs := &releaseServer{files: map[string][]byte{}}
	rs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rs.mu.Lock()
		defer rs.mu.Unlock()
		rs.requests = append(rs.requests, r.URL.Path)
		if r.URL.Path == "/owner/keyhound/releases/latest" && rs.latest != "" {
			http.Redirect(w, r, "/owner/keyhound/releases/tag/"+rs.latest, http.StatusFound)
			return
		}
		b, ok := rs.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(rs.Close)
	return rs
}

// get and set read and replace a file of owner/keyhound's releases
// (TAG/NAME).
func (rs *releaseServer) get(file string) []byte {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.files["/owner/keyhound/releases/download/"+file]
}

func (rs *releaseServer) set(file string, body []byte) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.files["/owner/keyhound/releases/download/"+file] = body
}

func (rs *releaseServer) requestCount() int {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return len(rs.requests)
}

// fakeBinary is a "keyhound" that prints its version, as the real one
// does.
func fakeBinary(version string) []byte {
	return []byte("#!/bin/sh\necho keyhound " + version + "\n")
}

func tarGz(t *testing.T, name string, body []byte) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct {
		name string
		body []byte
	}{{"README.md", []byte("# keyhound\n")}, {name, body}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o755, Size: int64(len(f.body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(f.body)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	gz.Close()
	return buf.Bytes()
}

func zipArchive(t *testing.T, name string, body []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	zw.Close()
	return buf.Bytes()
}

// publish adds release TAG with an archive per target holding a binary
// that says version, and its checksums.txt, as GoReleaser names them.
func (rs *releaseServer) publish(t *testing.T, tag, version string) {
	t.Helper()
	c := readGoreleaser(t)
	rs.mu.Lock()
	defer rs.mu.Unlock()
	var sums strings.Builder
	for _, tg := range releaseTargets {
		name := assetName(t, c, tg.goos, tg.goarch)
		var archive []byte
		if strings.HasSuffix(name, ".zip") {
			archive = zipArchive(t, "keyhound.exe", fakeBinary(version))
		} else {
			archive = tarGz(t, "keyhound", fakeBinary(version))
		}
		sum := sha256.Sum256(archive)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), name)
		rs.files["/owner/keyhound/releases/download/"+tag+"/"+name] = archive
	}
	rs.files["/owner/keyhound/releases/download/"+tag+"/checksums.txt"] = []byte(sums.String())
}

func (rs *releaseServer) env(extra ...string) []string {
	return append([]string{"KEYHOUND_ACTION_RELEASE_BASE_URL=" + rs.URL, "KH_REPO=owner/keyhound", "RUNNER_TEMP=" + filepath.Join(os.TempDir(), "unused")}, extra...)
}

func TestActionReleasePlan(t *testing.T) {
	needTools(t, "bash", "curl")
	rs := newReleaseServer(t)
	rs.latest = "v1.4.2"
	home := t.TempDir()
	cases := []struct {
		name, ref, want string
		env             []string
	}{
		{name: "release tag", ref: "v1.2.3", want: "v1.2.3"},
		{name: "pre-release tag", ref: "v2.0.0-rc.1", want: "v2.0.0-rc.1"},
		{name: "major tag: the latest release of that major", ref: "v1", want: "v1.4.2"},
		{name: "major tag, the latest release is of another major", ref: "v2"},
		{name: "branch", ref: "main"},
		{name: "minor tag", ref: "v1.4"},
		{name: "commit SHA", ref: "0123456789abcdef0123456789abcdef01234567"},
		{name: "local action", ref: ""},
		{name: "hostile ref", ref: "v1.2.3/../../x"},
		{name: "no repository", ref: "v1.2.3", env: []string{"KH_REPO="}},
		{name: "repository with a slash too many", ref: "v1.2.3", env: []string{"KH_REPO=a/b/c"}},
		{name: "runner without a release", ref: "v1.2.3", env: []string{"KH_OS=FreeBSD"}},
		{name: "macOS ARM64", ref: "v1.2.3", want: "v1.2.3", env: []string{"KH_OS=macOS", "KH_ARCH=ARM64"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := rs.env(append([]string{"KH_REF=" + c.ref, "KH_OS=Linux", "KH_ARCH=X64"}, c.env...)...)
			r := runScriptArgs(t, home, "release.sh", []string{"plan"}, env...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if r.out["tag"] != c.want {
				t.Errorf("tag %q, want %q\n%s", r.out["tag"], c.want, r.stderr)
			}
			if c.want == "" {
				if r.out["dir"] != "" || r.out["cache-key"] != "" {
					t.Errorf("no release, yet dir %q cache-key %q", r.out["dir"], r.out["cache-key"])
				}
				return
			}
			if !strings.HasPrefix(r.out["cache-key"], "keyhound-release-owner/keyhound-"+c.want+"-") || !strings.Contains(r.out["dir"], c.want) {
				t.Errorf("cache-key %q dir %q: want them per repository and tag", r.out["cache-key"], r.out["dir"])
			}
			checkOverrideFlagged(t, r)
		})
	}
	t.Run("repository without releases", func(t *testing.T) {
		none := newReleaseServer(t)
		r := runScriptArgs(t, home, "release.sh", []string{"plan"}, none.env("KH_REF=v1", "KH_OS=Linux", "KH_ARCH=X64")...)
		if r.code != 0 || r.out["tag"] != "" || !strings.Contains(r.stderr, "building keyhound from source") {
			t.Errorf("exit %d tag %q\n%s", r.code, r.out["tag"], r.stderr)
		}
	})
}

// checkOverrideFlagged: a run with the test base URL says so in a
// warning annotation.
func checkOverrideFlagged(t *testing.T, r result) {
	t.Helper()
	for _, c := range workflowCommands(r.stdout) {
		if c.name == "warning" && strings.Contains(c.line, "KEYHOUND_ACTION_RELEASE_BASE_URL") {
			return
		}
	}
	t.Errorf("the base URL override is not flagged:\n%s", r.stdout)
}

func TestActionReleaseInstall(t *testing.T) {
	needTools(t, "bash", "curl", "tar")
	rs := newReleaseServer(t)
	rs.publish(t, "v1.2.3", "1.2.3")
	home := t.TempDir()
	install := func(t *testing.T, dir, tag string, extra ...string) result {
		t.Helper()
		env := rs.env(append([]string{"KH_TAG=" + tag, "KH_DIR=" + dir, "KH_OS=Linux", "KH_ARCH=X64"}, extra...)...)
		return runScriptArgs(t, home, "release.sh", []string{"install"}, env...)
	}
	runs := func(t *testing.T, bin, want string) {
		t.Helper()
		out, err := exec.Command(bin, "version").Output()
		if err != nil || strings.TrimSpace(string(out)) != "keyhound "+want {
			t.Errorf("%s version: %q, %v", bin, out, err)
		}
	}

	for _, tg := range releaseTargets {
		t.Run("download "+tg.goos+"/"+tg.goarch, func(t *testing.T) {
			if tg.goos == "windows" {
				needTools(t, "unzip") // Git for Windows has it
			}
			dir := t.TempDir()
			r := install(t, dir, "v1.2.3", "KH_OS="+tg.runnerOS, "KH_ARCH="+tg.runnerArch)
			if r.code != 0 || r.out["bin"] == "" {
				t.Fatalf("exit %d bin %q\n%s%s", r.code, r.out["bin"], r.stdout, r.stderr)
			}
			if !strings.HasPrefix(r.out["bin"], dir) || !strings.HasSuffix(r.out["bin"], map[bool]string{true: "keyhound.exe", false: "keyhound"}[tg.goos == "windows"]) {
				t.Errorf("bin %q", r.out["bin"])
			}
			runs(t, r.out["bin"], "1.2.3")
			checkOverrideFlagged(t, r)
		})
	}

	t.Run("cached: no download the second time", func(t *testing.T) {
		dir := t.TempDir()
		if r := install(t, dir, "v1.2.3"); r.code != 0 || r.out["bin"] == "" {
			t.Fatalf("first: exit %d\n%s", r.code, r.stderr)
		}
		before := rs.requestCount()
		r := install(t, dir, "v1.2.3")
		if r.code != 0 || r.out["bin"] == "" || rs.requestCount() != before || !strings.Contains(r.stderr, "cached") {
			t.Errorf("second: exit %d bin %q, %d requests\n%s", r.code, r.out["bin"], rs.requestCount()-before, r.stderr)
		}
		runs(t, r.out["bin"], "1.2.3")
	})

	t.Run("a corrupted cache is downloaded again", func(t *testing.T) {
		dir := t.TempDir()
		if r := install(t, dir, "v1.2.3"); r.code != 0 {
			t.Fatalf("first: exit %d\n%s", r.code, r.stderr)
		}
		archive := filepath.Join(dir, "keyhound_linux_amd64.tar.gz")
		if err := os.WriteFile(archive, []byte("corrupt"), 0o644); err != nil {
			t.Fatal(err)
		}
		before := rs.requestCount()
		r := install(t, dir, "v1.2.3")
		if r.code != 0 || r.out["bin"] == "" || rs.requestCount() == before {
			t.Errorf("exit %d bin %q, %d requests\n%s", r.code, r.out["bin"], rs.requestCount()-before, r.stderr)
		}
	})

	t.Run("no such release: build from source", func(t *testing.T) {
		dir := t.TempDir()
		r := install(t, dir, "v9.9.9")
		if r.code != 0 || r.out["bin"] != "" || !strings.Contains(r.stderr, "building keyhound from source") {
			t.Errorf("exit %d bin %q\n%s", r.code, r.out["bin"], r.stderr)
		}
	})

	// Tampered releases, each refused: exit 2, an error annotation, no
	// binary, nothing left to run.
	tamper := []struct {
		name, want string
		change     func(rs *releaseServer)
	}{
		{"checksum mismatch", "checksum mismatch", func(rs *releaseServer) {
			rs.publish(t, "v6.6.6", "6.6.6")
			rs.set("v6.6.6/keyhound_linux_amd64.tar.gz", tarGz(t, "keyhound", []byte("#!/bin/sh\necho keyhound 6.6.6; echo pwned\n")))
		}},
		{"no entry in checksums.txt", "has no SHA-256", func(rs *releaseServer) {
			rs.publish(t, "v6.6.6", "6.6.6")
			sums := rs.get("v6.6.6/checksums.txt")
			rs.set("v6.6.6/checksums.txt", bytes.ReplaceAll(sums, []byte("keyhound_linux_amd64.tar.gz"), []byte("other.tar.gz")))
		}},
		{"binary of another version", "not \"keyhound 6.6.6\"", func(rs *releaseServer) {
			rs.publish(t, "v6.6.6", "1.0.0")
		}},
	}
	for _, c := range tamper {
		t.Run(c.name, func(t *testing.T) {
			c.change(rs)
			dir := t.TempDir()
			r := install(t, dir, "v6.6.6")
			if r.code != 2 || r.out["bin"] != "" {
				t.Errorf("exit %d bin %q, want 2 and none\n%s%s", r.code, r.out["bin"], r.stdout, r.stderr)
			}
			var errs []string
			for _, cmd := range workflowCommands(r.stdout) {
				if cmd.name == "error" {
					errs = append(errs, cmd.line)
				}
			}
			if len(errs) != 1 || !strings.Contains(errs[0], c.want) || !strings.Contains(errs[0], "refusing") {
				t.Errorf("errors %q, want one saying %q and refusing", errs, c.want)
			}
			if c.name != "binary of another version" {
				if _, err := os.Stat(filepath.Join(dir, "keyhound_linux_amd64.tar.gz")); err == nil {
					t.Error("the refused archive was left for the cache")
				}
			}
		})
	}
}

// actionStep is a step of action.yml's composite run.
type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	With             map[string]string `yaml:"with"`
}

func readActionSteps(t *testing.T) []actionStep {
	t.Helper()
	b, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Runs struct {
			Using string       `yaml:"using"`
			Steps []actionStep `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q", a.Runs.Using)
	}
	return a.Runs.Steps
}

// actionContext evaluates the few expressions action.yml's install steps
// use: context values, A || B, A == ” and A != ”.
type actionContext map[string]string

func (c actionContext) eval(t *testing.T, expr string) string {
	t.Helper()
	expr = strings.TrimSpace(expr)
	if a, b, ok := strings.Cut(expr, "||"); ok {
		if v := c.eval(t, a); v != "" {
			return v
		}
		return c.eval(t, b)
	}
	for _, op := range []string{"!=", "=="} {
		if a, b, ok := strings.Cut(expr, op); ok {
			if strings.TrimSpace(b) != "''" {
				t.Fatalf("expression %q: only comparisons with '' are evaluated here", expr)
			}
			if (c.eval(t, a) == "") == (op == "==") {
				return "true"
			}
			return ""
		}
	}
	v, ok := c[expr]
	if !ok && !strings.HasPrefix(expr, "steps.") {
		t.Fatalf("expression %q: unknown here", expr)
	}
	return v
}

// expand replaces each ${{ EXPR }} in s.
func (c actionContext) expand(t *testing.T, s string) string {
	t.Helper()
	for {
		i := strings.Index(s, "${{")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			t.Fatalf("unterminated expression in %q", s)
		}
		s = s[:i] + c.eval(t, s[i+3:i+j]) + s[i+j+2:]
	}
}

// fakeGo is a "go" for the build step: go env GOEXE, and go build ...
// -o BIN ./cmd/keyhound writing a BIN that prints the version -X set and
// the build's arguments, so that the fallback path runs in a test
// without compiling (the build itself is what go build does).
const fakeGo = `#!/usr/bin/env bash
case $1 in
env) [ "$2" = GOEXE ] && exit 0 ;;
build)
	shift
	out="" version="" args="$*"
	while [ $# -gt 0 ]; do
		case $1 in
		-o) out=$2; shift ;;
		-ldflags) version=${2#*-X main.version=}; version=${version%% *}; shift ;;
		esac
		shift
	done
	mkdir -p "$(dirname "$out")"
	printf '#!/bin/sh\necho "keyhound %s"\necho "built in %s: go build %s" >&2\n' "$version" "$PWD" "$args" >"$out"
	chmod +x "$out"
	exit 0 ;;
esac
echo "fake go: $*" >&2
exit 2
`

// TestActionInstallSteps runs action.yml's steps up to the scan as the
// runner would (if conditions, env, outputs; actions/cache missing and
// actions/setup-go noted, not run) against the local release server, and
// checks which keyhound the scan step gets: the release binary when the
// ref has a release, else one built from the Action's source (the
// fallback: no release for that tag, a branch, a commit SHA; go is a
// stand-in, fakeGo).
func TestActionInstallSteps(t *testing.T) {
	needTools(t, "bash", "curl", "tar")
	goDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(goDir, "go"), []byte(fakeGo), 0o755); err != nil {
		t.Fatal(err)
	}
	rs := newReleaseServer(t)
	rs.publish(t, "v1.2.3", "1.2.3")
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	steps := readActionSteps(t)
	home := t.TempDir()
	cases := []struct {
		ref, wantVersion string
		fromRelease      bool
	}{
		{"v1.2.3", "1.2.3", true},
		{"v9.9.9", "v9.9.9", false}, // a version tag without a release
		{"main", "main", false},
		{"0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567", false},
	}
	for _, c := range cases {
		t.Run(c.ref, func(t *testing.T) {
			temp := t.TempDir()
			ctx := actionContext{
				"github.action_ref": c.ref, "github.action_repository": "owner/keyhound",
				"github.action_path": root, "runner.os": "Linux", "runner.arch": "X64", "runner.temp": temp,
			}
			var ran []string
			var khBin string
			for _, s := range steps {
				if s.If != "" && ctx.eval(t, s.If) == "" {
					continue
				}
				if s.ID == "scan" {
					khBin = ctx.expand(t, s.Env["KH_BIN"])
					break
				}
				ran = append(ran, s.Name)
				if s.Uses != "" {
					if !strings.HasPrefix(s.Uses, "actions/cache@") && !strings.HasPrefix(s.Uses, "actions/setup-go@") {
						t.Fatalf("step %q uses %s before the scan", s.Name, s.Uses)
					}
					continue
				}
				if s.ID == "range" {
					continue // range.sh has its own tests
				}
				env := rs.env("RUNNER_TEMP="+temp, "GITHUB_ACTION_PATH="+root, "PATH="+goDir+string(os.PathListSeparator)+os.Getenv("PATH"))
				for k, v := range s.Env {
					env = append(env, k+"="+ctx.expand(t, v))
				}
				dir := root
				if s.WorkingDirectory != "" {
					dir = ctx.expand(t, s.WorkingDirectory)
				}
				r := runStep(t, home, dir, s.Run, env)
				if r.code != 0 {
					t.Fatalf("step %q: exit %d\n%s%s", s.Name, r.code, r.stdout, r.stderr)
				}
				for k, v := range r.out {
					ctx["steps."+s.ID+".outputs."+k] = v
				}
			}
			built := strings.Contains(strings.Join(ran, "\n"), "Build keyhound")
			if built == c.fromRelease {
				t.Errorf("steps run: %q; want a build: %v", ran, !c.fromRelease)
			}
			if khBin == "" {
				t.Fatalf("the scan step gets no KH_BIN (steps run: %q)", ran)
			}
			if c.fromRelease != strings.HasPrefix(khBin, filepath.Join(temp, "keyhound-release")) {
				t.Errorf("KH_BIN %s: from the release %v, want %v", khBin, !c.fromRelease, c.fromRelease)
			}
			cmd := exec.Command(khBin, "version")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil || strings.TrimSpace(string(out)) != "keyhound "+c.wantVersion {
				t.Errorf("%s version: %q %v, want keyhound %s", khBin, out, err, c.wantVersion)
			}
			if !c.fromRelease {
				// The build: the Action's own source, trimmed paths.
				want := "built in " + root + ": go build -trimpath -ldflags -X main.version=" + c.ref + " -o " + khBin + " ./cmd/keyhound"
				if strings.TrimSpace(stderr.String()) != want {
					t.Errorf("the build ran as\n%s\nwant\n%s", stderr.String(), want)
				}
			}
		})
	}
}

// runStep runs a step's bash script in dir, with GITHUB_OUTPUT.
func runStep(t *testing.T, home, dir, script string, env []string) result {
	t.Helper()
	outFile := filepath.Join(t.TempDir(), "github_output")
	if err := os.WriteFile(outFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(append(baseEnv(home), "GITHUB_OUTPUT="+outFile), env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r := result{out: map[string]string{}}
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		r.code = ee.ExitCode()
	}
	r.stdout, r.stderr = stdout.String(), stderr.String()
	b, _ := os.ReadFile(outFile)
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			r.out[k] = v
		}
	}
	return r
}
