package keyhound_test

// A range that changes keyhound's configuration (issue 10, item 5): keyhound
// reads .keyhound.toml and the ignore files of a range scan from the
// range's base commit, never from the commits it scans; range.sh tells
// with a warning annotation when the scanned commits change them.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// configFixture is a repository whose history touches the configuration:
//
//	main:    m0 - m1 (m1 changes .keyhound.toml on main)
//	           \
//	pr:         p1 (changes .keyhound.toml, adds .keyhoundignore,
//	                deletes .gitleaksignore)
//	other:      o1 (changes app.py and sub/.keyhound.toml only)
//	gl:         g1 (adds .gitleaks.toml)
type configFixture struct {
	home, dir          string
	m0, m1, p1, o1, g1 string
}

func newConfigFixture(t *testing.T) *configFixture {
	t.Helper()
	f := &configFixture{home: t.TempDir()}
	f.dir = filepath.Join(f.home, "repo")
	if err := os.MkdirAll(filepath.Join(f.dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	g := func(args ...string) string { return git(t, f.home, f.dir, args...) }
	put := func(files map[string]string) {
		for name, text := range files {
			p := filepath.Join(f.dir, name)
			if text == "" {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		g("add", "-A")
		g("commit", "-q", "-m", "c")
	}
	g("init", "-q")
	g("symbolic-ref", "HEAD", "refs/heads/main")
	put(map[string]string{".keyhound.toml": "title = \"base\"\n", ".gitleaksignore": "x:y:z:1\n",
		"app.py": "print(1)\n", "sub/.keyhound.toml": "title = \"sub\"\n"})
	f.m0 = g("rev-parse", "HEAD")
	put(map[string]string{".keyhound.toml": "title = \"base, later\"\n"})
	f.m1 = g("rev-parse", "HEAD")
	g("checkout", "-q", "-b", "pr", f.m0)
	put(map[string]string{".keyhound.toml": "[extend]\nuseDefault = true\ndisabledRules = [\"binance-api-key\"]\n",
		".keyhoundignore": "*\n", ".gitleaksignore": ""})
	f.p1 = g("rev-parse", "HEAD")
	g("checkout", "-q", "-b", "other", f.m0)
	put(map[string]string{"app.py": "print(2)\n", "sub/.keyhound.toml": "title = \"sub, changed\"\n"})
	f.o1 = g("rev-parse", "HEAD")
	g("checkout", "-q", "-b", "gl", f.m0)
	put(map[string]string{".gitleaks.toml": "title = \"gl\"\n"})
	f.g1 = g("rev-parse", "HEAD")
	g("checkout", "-q", "main")
	return f
}

func TestActionRangeWarnsOfConfigChanges(t *testing.T) {
	needTools(t, "bash", "git")
	f := newConfigFixture(t)
	const pr = "this pull request changes keyhound's configuration: "
	cases := []struct {
		name    string
		event   string
		payload string
		env     []string
		dir     string // default f.dir
		want    string // the warning's message; "" for no warning
	}{
		{name: "pull request changing config and ignore files", event: "pull_request", payload: prEvent(f.m1, f.p1),
			want: pr + ".keyhound.toml, .keyhoundignore, .gitleaksignore; the scan used the base commit's version (" + f.m1[:12] + ")"},
		{name: "pull request target", event: "pull_request_target", payload: prEvent(f.m1, f.p1),
			want: pr + ".keyhound.toml, .keyhoundignore, .gitleaksignore"},
		{name: "pull request changing other files", event: "pull_request", payload: prEvent(f.m0, f.o1)},
		{name: "base branch changed the config, the pull request did not", event: "pull_request", payload: prEvent(f.m1, f.o1)},
		{name: "pull request adding .gitleaks.toml", event: "pull_request", payload: prEvent(f.m1, f.g1),
			want: pr + ".gitleaks.toml;"},
		{name: "scanning a subdirectory", event: "pull_request", payload: prEvent(f.m1, f.p1),
			dir: filepath.Join(f.dir, "sub"), want: pr + ".keyhound.toml, .keyhoundignore, .gitleaksignore;"},
		{name: "push", event: "push", payload: pushEvent("refs/heads/pr", f.m0, f.p1, false),
			want: "this push changes keyhound's configuration: .keyhound.toml, .keyhoundignore, .gitleaksignore; the scan used the base commit's version (" + f.m0[:12] + ")"},
		{name: "merge group", event: "merge_group",
			payload: `{"merge_group":{"base_sha":"` + f.m1 + `","head_sha":"` + f.p1 + `"}}`,
			want:    "the commits scanned change keyhound's configuration: .keyhound.toml, .keyhoundignore, .gitleaksignore;"},
		{name: "literal range", env: []string{"KH_RANGE=" + f.m0 + ".." + f.g1},
			want: "the commits scanned change keyhound's configuration: .gitleaks.toml;"},
		{name: "literal range with a missing base", env: []string{"KH_RANGE=v0..v9"}},
		{name: "empty range", event: "push", payload: pushEvent("refs/heads/pr", f.p1, f.p1, false)},
		{name: "full history: no base", event: "workflow_dispatch", payload: `{}`},
		{name: "pull request, range full", event: "pull_request", payload: prEvent(f.m1, f.p1), env: []string{"KH_RANGE=full"}},
	}
	for _, tool := range jsonTools(t) {
		for _, c := range cases {
			t.Run(tool+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				dir := c.dir
				if dir == "" {
					dir = f.dir
				}
				env := append([]string{"KEYHOUND_ACTION_JSON=" + tool, "KH_PATH=" + dir}, c.env...)
				if c.event != "" {
					env = append(env, "GITHUB_EVENT_NAME="+c.event, "GITHUB_EVENT_PATH="+writeEvent(t, c.payload))
				}
				r := runScript(t, f.home, "range.sh", env...)
				if r.code != 0 {
					t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
				}
				var warnings []string
				for _, cmd := range workflowCommands(r.stdout) {
					if cmd.name != "warning" {
						t.Errorf("unexpected workflow command %q", cmd.line)
						continue
					}
					warnings = append(warnings, cmd.line)
				}
				switch {
				case c.want == "" && len(warnings) > 0:
					t.Errorf("warnings %q, want none", warnings)
				case c.want != "" && (len(warnings) != 1 || !strings.HasPrefix(warnings[0], "::warning title=keyhound::") ||
					!strings.Contains(warnings[0], c.want)):
					t.Errorf("warnings %q, want one with %q\nstderr:\n%s", warnings, c.want, r.stderr)
				}
			})
		}
	}
}
