package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The files a repository supplies about its own scan are read without
// following symbolic links, without blocking and within the repository:
// a hostile repository cannot make keyhound print the CI environment or
// another file, exhaust memory, or hang (issue 10, items 1 to 3).
func TestRepositoryFilesAreNotFollowed(t *testing.T) {
	needGitBinary(t)
	outside := t.TempDir()
	write(t, outside, "private.toml", "title = \"OUTSIDE-PRIVATE-CONTENT\"\n[[rules]]\nid = \"x\"\nregex = 'OUTSIDE-PRIVATE-CONTENT'\n")
	const canary = "KEYHOUND_TEST_CANARY_VALUE_93f1"
	env := []string{"KH_CANARY=" + canary}
	type entry struct{ name, link, content string }
	tests := []struct {
		name    string
		entries []entry
		fifo    string
		cmd     []string
		stderr  string // what the error must say
	}{
		{"ignore file -> /proc/self/environ", []entry{{name: ".keyhoundignore", link: "/proc/self/environ"}}, "", []string{"history", "."}, ".keyhoundignore: a symbolic link"},
		{"gitleaks ignore -> /etc/passwd", []entry{{name: ".gitleaksignore", link: "/etc/passwd"}}, "", []string{"history", "."}, ".gitleaksignore: a symbolic link"},
		{"config -> /dev/zero", []entry{{name: ".keyhound.toml", link: "/dev/zero"}}, "", []string{"scan", "."}, ".keyhound.toml: a symbolic link"},
		{"config -> /dev/stdin", []entry{{name: ".keyhound.toml", link: "/dev/stdin"}}, "", []string{"scan", "."}, ".keyhound.toml: a symbolic link"},
		{"config -> a pack outside", []entry{{name: ".keyhound.toml", link: filepath.Join(outside, "private.toml")}}, "", []string{"scan", "."}, ".keyhound.toml: a symbolic link"},
		{"FIFO config", nil, ".keyhound.toml", []string{"scan", "."}, "not a regular file (a FIFO)"},
		{"FIFO ignore file", nil, ".keyhoundignore", []string{"history", "."}, "not a regular file (a FIFO)"},
		{"FIFO gitleaks ignore", nil, ".gitleaksignore", []string{"staged", "."}, "not a regular file (a FIFO)"},
		{"extend an absolute path", []entry{{name: ".keyhound.toml", content: "[extend]\npath = '" + filepath.Join(outside, "private.toml") + "'\n"}}, "", []string{"scan", "."}, "outside the repository"},
		{"extend a missing absolute path", []entry{{name: ".keyhound.toml", content: "[extend]\npath = '" + filepath.Join(outside, "nope.toml") + "'\n"}}, "", []string{"scan", "."}, "outside the repository"},
		{"extend with ..", []entry{{name: ".keyhound.toml", content: "[extend]\npath = '../../../../../../../../" + filepath.Join(outside, "private.toml") + "'\n"}}, "", []string{"scan", "."}, "outside the repository"},
		{"extend a symbolic link inside", []entry{{name: "base.toml", link: filepath.Join(outside, "private.toml")}, {name: ".keyhound.toml", content: "[extend]\npath = 'base.toml'\n"}}, "", []string{"scan", "."}, "base.toml: a symbolic link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newRepo(t)
			write(t, dir, "app.py", "print('hello')\n")
			for _, e := range tt.entries {
				if e.link != "" {
					if err := os.Symlink(e.link, filepath.Join(dir, e.name)); err != nil {
						t.Fatal(err)
					}
				} else {
					write(t, dir, e.name, e.content)
				}
			}
			gitT(t, dir, "add", "-A")
			gitT(t, dir, "commit", "-q", "-m", "hostile")
			if tt.fifo != "" {
				if err := syscall.Mkfifo(filepath.Join(dir, tt.fifo), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := keyhoundEnv(t, dir, env, tt.cmd...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, r.stderr)
			}
			for _, leak := range []string{canary, "root:", "OUTSIDE-PRIVATE", "nope.toml: no such file"} {
				if strings.Contains(r.stdout+r.stderr, leak) {
					t.Errorf("output holds %q:\nstdout: %s\nstderr: %s", leak, r.stdout, r.stderr)
				}
			}
		})
	}
}

// `keyhound ignore` never writes through a symbolic link (item 4).
func TestIgnoreCommandRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "created-by-keyhound")
	if err := os.Symlink(target, filepath.Join(dir, ".keyhoundignore")); err != nil {
		t.Fatal(err)
	}
	fp := strings.Repeat("ab", 20)
	r := keyhound(t, dir, "", "ignore", "--dir", dir, fp)
	if r.code != 2 || !strings.Contains(r.stderr, "symbolic link") {
		t.Errorf("exit %d, want 2 with a refusal\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Lstat(target); err == nil {
		t.Errorf("the symbolic link's target was created")
	}
	// A plain file is still updated, keeping its entries.
	os.Remove(filepath.Join(dir, ".keyhoundignore"))
	write(t, dir, ".keyhoundignore", "# reviewed\n"+strings.Repeat("cd", 20))
	if r := keyhound(t, dir, "", "ignore", "--dir", dir, "--reason", "rotated\nsecond line", fp); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, ".keyhoundignore"))
	want := "# reviewed\n" + strings.Repeat("cd", 20) + "\n" + fp + " # rotated second line\n"
	if string(got) != want {
		t.Errorf(".keyhoundignore = %q, want %q", got, want)
	}
}

// A range scan takes the repository's configuration and ignore files from
// the range's base, never from the commits being scanned: a pull request
// that disables the rules, allowlists every path and ignores the finding
// is still reported, and the change is named (item 5).
func TestRangeConfigComesFromBase(t *testing.T) {
	needGitBinary(t)
	dir := newRepo(t)
	write(t, dir, "app.py", "print('hello')\n")
	write(t, dir, ".keyhound.toml", "[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''^docs/''']\n")
	gitT(t, dir, "add", "-A")
	gitT(t, dir, "commit", "-q", "-m", "base")
	base := gitT(t, dir, "rev-parse", "HEAD")

	// The pull request: a credential, and configuration that hides it.
	write(t, dir, "bot/.env", envText)
	write(t, dir, ".keyhound.toml", `[extend]
useDefault = true
disabledRules = ["binance-api-key", "binance-api-secret"]
[[allowlists]]
paths = ['''.*''']
stopwords = ["a", "e", "1"]
`)
	gitT(t, dir, "add", "-A")
	gitT(t, dir, "commit", "-q", "-m", "add bot")
	r := keyhound(t, dir, "", "history", "--range", base+"..HEAD", "-f", "json")
	if r.code != 1 {
		t.Fatalf("the pull request's own configuration decided the scan: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The fingerprint, then an ignore file in the pull request too.
	var rep struct {
		Findings []struct{ Fingerprint string } `json:"findings"`
		Stats    struct {
			Config struct {
				Source         string   `json:"source"`
				Config         []string `json:"config"`
				Allowlists     int      `json:"allowlists"`
				ChangedInRange []string `json:"changed_in_range"`
			} `json:"config"`
		} `json:"stats"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Findings) != 1 {
		t.Fatalf("report: %v\n%s", err, r.stdout)
	}
	c := rep.Stats.Config
	if !strings.Contains(c.Source, base[:12]) || !strings.Contains(c.Source, "base") || c.Allowlists != 1 || strings.Join(c.ChangedInRange, ",") != ".keyhound.toml" {
		t.Errorf("stats.config = %+v", c)
	}
	if !strings.Contains(r.stderr, "warning: the scanned range changes .keyhound.toml") {
		t.Errorf("the change is not said on stderr:\n%s", r.stderr)
	}
	write(t, dir, ".keyhoundignore", rep.Findings[0].Fingerprint+"\n")
	write(t, dir, ".gitleaksignore", "bot/.env:binance-api-key:1\n")
	gitT(t, dir, "add", "-A")
	gitT(t, dir, "commit", "-q", "-m", "ignore it")
	r = keyhound(t, dir, "", "history", "--range", base+"..HEAD")
	if r.code != 1 {
		t.Errorf("the pull request's ignore files decided the scan: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, ".keyhound.toml, .keyhoundignore, .gitleaksignore") {
		t.Errorf("the changed files are not named:\n%s", r.stderr)
	}
	// The work tree, which is the pull request's, is not read either.
	if r := keyhound(t, dir, "", "history", "--range", base+"..HEAD", "--config-from", "HEAD"); r.code != 0 {
		t.Errorf("--config-from HEAD: exit %d, want 0 (a trusted commit's configuration applies)\n%s", r.code, r.stderr)
	}
	// A range with no base reads no repository configuration and says so.
	r = keyhound(t, dir, "", "history", "--range", "HEAD")
	if r.code != 1 || !strings.Contains(r.stderr, "no base") {
		t.Errorf("--range HEAD: exit %d, want 1 and a note\n%s", r.code, r.stderr)
	}
	// A full history scan still reads the work tree: the user's own.
	if r := keyhound(t, dir, "", "history", "."); r.code != 0 {
		t.Errorf("history: exit %d, want 0 (the work tree's configuration)\n%s", r.code, r.stderr)
	}
}

// A repository's configuration is capped, and what it adds, disables
// and allows is counted in --verbose and the JSON stats (item 5).
func TestRepositoryConfigCappedAndCounted(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "app.py", "print('hello')\n")
	var big strings.Builder
	for i := 0; i < 600; i++ {
		big.WriteString("[[rules]]\nid = \"r" + strings.Repeat("x", 3) + strconv.Itoa(i) + "\"\nregex = 'zz" + strconv.Itoa(i) + "'\n")
	}
	write(t, dir, ".keyhound.toml", big.String())
	if r := keyhound(t, dir, "", "scan", "."); r.code != 2 || !strings.Contains(r.stderr, "more than 500 rules") {
		t.Errorf("600 rules: exit %d\n%s", r.code, r.stderr)
	}
	write(t, dir, ".keyhound.toml", `[extend]
useDefault = true
disabledRules = ["binance-api-key", "no-such-rule"]
[[rules]]
id = "okx-api-key"
part = "key"
exchange = "okx"
regex = 'n3v3r[0-9]{30}'
[[rules]]
id = "acme"
regex = 'acme[0-9]{8}'
[rules.allowlist]
stopwords = ["test"]
[[allowlists]]
paths = ['''^docs/''', '''^vendor/''']
regexes = ['''EXAMPLE''']
`)
	write(t, dir, ".keyhoundignore", strings.Repeat("ab", 20)+"\n")
	r := keyhound(t, dir, "", "scan", ".", "-v", "-f", "json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	want := "configuration: .keyhound.toml: 1 rules added, 1 replaced, 1 disabled; 2 allowlists (2 paths, 1 regexes, 1 stopwords, 0 commits); ignore files .keyhoundignore: 1 fingerprints, 0 locations; read from the work tree"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("--verbose lacks\n%s\n%s", want, r.stderr)
	}
	var rep struct {
		Stats struct {
			Config map[string]any `json:"config"`
		} `json:"stats"`
	}
	json.Unmarshal([]byte(r.stdout), &rep)
	for k, v := range map[string]float64{"rules_added": 1, "rules_replaced": 1, "rules_disabled": 1, "allowlists": 2, "allowlist_paths": 2, "ignored_fingerprints": 1} {
		if rep.Stats.Config[k] != v {
			t.Errorf("stats.config.%s = %v, want %v", k, rep.Stats.Config[k], v)
		}
	}
}
