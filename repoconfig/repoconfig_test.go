package repoconfig_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/keyhound/keyhound/repoconfig"
	"github.com/keyhound/keyhound/rules"
)

func builtin(t testing.TB) []*rules.Pack {
	t.Helper()
	p, err := rules.Parse("builtin.toml", []byte("[[rules]]\nid = \"b1\"\nregex = 'B1[0-9]{9}'\n[[rules]]\nid = \"b2\"\nregex = 'B2[0-9]{9}'\n"))
	if err != nil {
		t.Fatal(err)
	}
	return []*rules.Pack{p}
}

func TestLoadCounts(t *testing.T) {
	repo := fstest.MapFS{
		".keyhound.toml": {Data: []byte(`[extend]
path = "ci/base.toml"
disabledRules = ["b1", "unknown"]
[[rules]]
id = "b2"
regex = 'x'
[[allowlists]]
paths = ['''^docs/''']
stopwords = ["foo", "bar"]
`)},
		"ci/base.toml": {Data: []byte(`[extend]
disabledRules = ["b1"]
[[rules]]
id = "mine"
regex = 'M[0-9]{9}'
[[rules.allowlists]]
commits = ["abc1234"]
regexes = ["EXAMPLE"]
`)},
		".keyhoundignore": {Data: []byte("# comment\n" + strings.Repeat("ab", 20) + "\n")},
		".gitleaksignore": {Data: []byte("c0ffee00:a.env:b1:3\na.env:b2:4\n")},
	}
	c, err := repoconfig.Load(builtin(t), repoconfig.Options{Repo: repoconfig.Source{FS: repo, Name: "test tree"}})
	if err != nil {
		t.Fatal(err)
	}
	got := c.Summary
	want := repoconfig.Summary{
		Source: "test tree", Config: []string{".keyhound.toml", "ci/base.toml"},
		IgnoreFiles: []string{".keyhoundignore", ".gitleaksignore"},
		RulesAdded:  1, RulesReplaced: 1, RulesDisabled: 1,
		Allowlists: 2, AllowlistPaths: 1, AllowlistRegexes: 1, AllowlistStopwords: 2, AllowlistCommits: 1,
		IgnoredFingerprints: 1, IgnoredLocations: 2,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Summary =\n%+v\nwant\n%+v", got, want)
	}
	if c.Pack == nil || c.Pack.Name != ".keyhound.toml" {
		t.Errorf("Pack = %v", c.Pack)
	}
	if _, err := rules.Compile(append(builtin(t), c.Pack)...); err != nil {
		t.Errorf("the loaded pack does not compile: %v", err)
	}
}

func TestLoadRefuses(t *testing.T) {
	many := strings.Repeat("[[rules]]\nid = \"r\"\nregex = 'x'\n", 1)
	for i := 0; i < 12; i++ {
		many += fmt.Sprintf("[[rules]]\nid = \"r%d\"\nregex = 'x'\n", i)
	}
	tests := []struct {
		name  string
		repo  fstest.MapFS
		lim   repoconfig.Limits
		wantE string
	}{
		{"too many rules", fstest.MapFS{".keyhound.toml": {Data: []byte(many)}}, repoconfig.Limits{MaxRules: 10}, "more than 10 rules"},
		{"patterns too long", fstest.MapFS{".keyhound.toml": {Data: []byte("[[rules]]\nid = \"r\"\nregex = '" + strings.Repeat("a", 200) + "'\n")}}, repoconfig.Limits{MaxPatternBytes: 100}, "patterns over 100 bytes"},
		{"caps count extended packs", fstest.MapFS{".keyhound.toml": {Data: []byte("[extend]\npath = 'b.toml'\n[[rules]]\nid = \"r\"\nregex = 'x'\n")}, "b.toml": {Data: []byte(many)}}, repoconfig.Limits{MaxRules: 10}, "b.toml: more than 10 rules"},
		{"FIFO", fstest.MapFS{".keyhoundignore": {Mode: fs.ModeNamedPipe}}, repoconfig.Limits{}, ".keyhoundignore"},
		{"bad ignore entry is cut short", fstest.MapFS{".gitleaksignore": {Data: []byte("SECRET_ENV=" + strings.Repeat("v", 500) + "\x00NEXT=1\n")}}, repoconfig.Limits{}, `.gitleaksignore:1: ignore entry "SECRET_ENV=vvv`},
		{"extend outside", fstest.MapFS{".keyhound.toml": {Data: []byte("[extend]\npath = '/etc/passwd'\n")}}, repoconfig.Limits{}, ".keyhound.toml:2: extend: path \"/etc/passwd\" is outside the repository"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := repoconfig.Load(nil, repoconfig.Options{Repo: repoconfig.Source{FS: tt.repo, Name: "work tree"}, Limits: tt.lim})
			if err == nil || !strings.Contains(err.Error(), tt.wantE) {
				t.Fatalf("err = %v, want it to hold %q", err, tt.wantE)
			}
			if len(err.Error()) > 300 || strings.Contains(err.Error(), "NEXT=1") {
				t.Errorf("the error echoes the file: %d bytes: %q", len(err.Error()), err)
			}
			if !strings.Contains(err.Error(), "(read from the work tree)") {
				t.Errorf("the error does not say where the file was read: %v", err)
			}
		})
	}
}

func TestLoadNothing(t *testing.T) {
	c, err := repoconfig.Load(nil, repoconfig.Options{})
	if err != nil || c.Pack != nil || c.Ignore == nil || c.Ignore.Len() != 0 {
		t.Fatalf("Load with no source = %+v, %v", c, err)
	}
	c, err = repoconfig.Load(nil, repoconfig.Options{Repo: repoconfig.Source{FS: fstest.MapFS{}}})
	if err != nil || c.Pack != nil || len(c.Summary.IgnoreFiles) != 0 {
		t.Fatalf("Load of an empty tree = %+v, %v", c, err)
	}
}

func TestChanged(t *testing.T) {
	base := fstest.MapFS{
		".keyhound.toml":  {Data: []byte("a")},
		".keyhoundignore": {Data: []byte("x")},
		"link":            {Data: []byte("l")},
	}
	tests := []struct {
		name  string
		heads []fs.FS
		want  string
	}{
		{"same", []fs.FS{base}, ""},
		{"no heads", nil, ""},
		{"edited", []fs.FS{fstest.MapFS{".keyhound.toml": {Data: []byte("b")}, ".keyhoundignore": {Data: []byte("x")}, "link": {Data: []byte("l")}}}, ".keyhound.toml"},
		{"added and removed", []fs.FS{fstest.MapFS{".keyhound.toml": {Data: []byte("a")}, ".gitleaksignore": {Data: []byte("y")}, "link": {Data: []byte("l")}}}, ".keyhoundignore,.gitleaksignore"},
		{"one head of two", []fs.FS{base, fstest.MapFS{".keyhound.toml": {Data: []byte("a")}, ".keyhoundignore": {Data: []byte("x")}, "link": {Mode: fs.ModeSymlink}}}, "link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := append(repoconfig.Files(), "link", "link")
			if got := strings.Join(repoconfig.Changed(names, base, tt.heads...), ","); got != tt.want {
				t.Errorf("Changed = %q, want %q", got, tt.want)
			}
		})
	}
}

func ExampleLoad() {
	// The repository's own files, from a source the caller trusts (here
	// a file system in memory; repofile.FS for a work tree, scan.TreeFS
	// for a range's base commit).
	repo := fstest.MapFS{
		".keyhound.toml":  {Data: []byte("[extend]\nuseDefault = true\ndisabledRules = [\"binance-api-key\"]\n")},
		".keyhoundignore": {Data: []byte(strings.Repeat("ab", 20) + "\n")},
	}
	def, _ := rules.Default()
	c, err := repoconfig.Load(def, repoconfig.Options{Repo: repoconfig.Source{FS: repo, Name: "base commit"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := c.Summary
	fmt.Println(s.Config, s.RulesDisabled, s.IgnoredFingerprints, errors.Is(err, fs.ErrNotExist))
	// Output: [.keyhound.toml] 1 1 false
}
