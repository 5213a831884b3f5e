package repoconfig_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/keyhound/keyhound/repoconfig"
	"github.com/keyhound/keyhound/rules"
)

// FuzzLoad: a repository's .keyhound.toml, the pack it extends and its
// ignore file are all the repository's input. Loading any of them never
// panics; an error is short, names a file and never echoes much of
// them; a configuration that loads compiles or fails with an error, and
// stays within the limits.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("[extend]\nuseDefault = true\ndisabledRules = [\"b1\"]\n"), []byte(""), []byte(strings.Repeat("ab", 20)))
	f.Add([]byte("[extend]\npath = 'base.toml'\n[[rules]]\nid = \"x\"\nregex = 'x[0-9]+'\n"), []byte("[[rules]]\nid = \"y\"\nregex = 'y'\n[[allowlists]]\npaths = ['.*']\n"), []byte("a.env:x:1"))
	f.Add([]byte("[extend]\npath = '../../etc/passwd'\n"), []byte(""), []byte(""))
	f.Add([]byte("[extend]\npath = 'base.toml'\n"), []byte("[extend]\npath = '.keyhound.toml'\n"), []byte(""))
	f.Add([]byte("[[rules]]\nid = \"\x1b]0;x\x07\"\nregex = '(a'\n"), []byte(""), []byte("\x00\x00"))
	f.Add([]byte("title = \"t\"\n[allowlist]\nstopwords = [\"a\"]\n"), []byte(""), []byte("# c\n"))
	f.Add([]byte("[policy]\nno-ip-allowlist = \"fail\"\nmax_age_days = 30\npolicy.key-age = 1\n"), []byte(""), []byte(""))
	f.Add([]byte("policy.\"trade-and-withdraw\" = \"off\"\n[policy.sub]\nx = 1\n"), []byte(""), []byte(""))
	f.Fuzz(func(t *testing.T, cfg, base, ignore []byte) {
		repo := fstest.MapFS{
			".keyhound.toml":  {Data: cfg},
			"base.toml":       {Data: base},
			".keyhoundignore": {Data: ignore},
		}
		lim := repoconfig.Limits{MaxRules: 20, MaxPatternBytes: 4096}
		c, err := repoconfig.Load(builtin(t), repoconfig.Options{Repo: repoconfig.Source{FS: repo, Name: "fuzz tree"}, Limits: lim})
		if err != nil {
			msg := err.Error()
			if len(msg) > 1024 {
				t.Fatalf("error of %d bytes: %q", len(msg), msg)
			}
			if !strings.Contains(msg, ".keyhound.toml") && !strings.Contains(msg, "base.toml") && !strings.Contains(msg, ".keyhoundignore") {
				t.Fatalf("error names no file: %q", msg)
			}
			return
		}
		if c.Ignore == nil {
			t.Fatal("nil Ignore")
		}
		s := c.Summary
		if s.RulesAdded+s.RulesReplaced > lim.MaxRules {
			t.Fatalf("%d rules loaded past the limit of %d", s.RulesAdded+s.RulesReplaced, lim.MaxRules)
		}
		if c.Pack != nil {
			if _, err := rules.Compile(append(builtin(t), c.Pack)...); err != nil && len(err.Error()) > 1024 {
				t.Fatalf("compile error of %d bytes", len(err.Error()))
			}
		}
	})
}
