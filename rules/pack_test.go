package rules_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/rules"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		toml     string
		wantLine int
		wantMsg  string
	}{
		{"syntax", "title = \"x\"\n[[rules]]\nid = \"a\"\nregex = '''abc\n", 4, ""},
		{"unknown key", "[[rules]]\nid = \"a\"\nregex = \"abc\"\nregx = \"typo\"\n", 4, `unknown key "rules.regx"`},
		{"no id", "title = \"t\"\n\n[[rules]]\nregex = \"abc\"\n", 3, "rule without an id"},
		{"duplicate id", "[[rules]]\nid = \"a\"\nregex = \"x\"\n\n[[rules]]\nid = \"a\"\nregex = \"y\"\n", 2, "duplicate rule id"},
		{"bad part", "[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"token\"\n", 2, `part "token"`},
		{"no regex", "[[rules]]\nid = \"a\"\ndescription = \"d\"\n", 2, "needs a regex, a value or a path"},
		{"unknown validator", "[[rules]]\nid = \"a\"\nregex = \"x\"\nvalidate = \"luhn\"\n", 2, `unknown validate "luhn"`},
		{"short credential", "[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"key\"\n[[credentials]]\nid = \"c\"\nrules = [\"a\"]\n", 6, "at least two rules"},
		{"wrong type", "[[rules]]\nid = \"a\"\nregex = \"x\"\nentropy = \"high\"\n", 0, "entropy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.Parse("pack.toml", []byte(tt.toml))
			if err == nil {
				t.Fatal("no error")
			}
			var pe *rules.Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *rules.Error", err)
			}
			if tt.wantLine > 0 && pe.Line != tt.wantLine {
				t.Errorf("line %d, want %d (%v)", pe.Line, tt.wantLine, err)
			}
			if !strings.HasPrefix(err.Error(), "pack.toml:") {
				t.Errorf("error does not start with the file name: %v", err)
			}
			if tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantMsg)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name     string
		toml     string
		wantLine int
		wantMsg  string
	}{
		{"bad regex", "title = \"t\"\n[[rules]]\nid = \"bad\"\nregex = '''([a-z]+'''\n", 3, "bad regex"},
		{"bad nearby", "[[rules]]\nid = \"n\"\nregex = \"x\"\nnearby = { regex = \"(\", withinLines = 2 }\n", 2, "bad nearby regex"},
		{"bad path", "[[rules]]\nid = \"p\"\npath = \"[\"\n", 2, "bad path regex"},
		{"secret group", "[[rules]]\nid = \"g\"\nregex = \"(a)(b)\"\nsecretGroup = 3\n", 2, "secretGroup 3"},
		{"huge regex", "[[rules]]\nid = \"h\"\nregex = '''" + strings.Repeat("a", 17<<10) + "'''\n", 2, "limit"},
		{"bad allowlist regex", "[[rules]]\nid = \"a\"\nregex = \"x\"\n[[rules.allowlists]]\nregexes = [\"(\"]\n", 2, "allowlist 1"},
		{"empty allowlist", "[[rules]]\nid = \"a\"\nregex = \"x\"\n[[rules.allowlists]]\ndescription = \"nothing\"\n", 2, "at least one check"},
		{"unknown credential rule", "[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"key\"\n[[credentials]]\nid = \"c\"\nrules = [\"a\", \"ghost\"]\n", 6, `unknown rule "ghost"`},
		{"partless credential rule", "[[rules]]\nid = \"a\"\nregex = \"x\"\npart = \"key\"\n[[rules]]\nid = \"b\"\nregex = \"y\"\n[[credentials]]\nid = \"c\"\nrules = [\"a\", \"b\"]\n", 9, `rule "b" has no part`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := rules.Parse("user.toml", []byte(tt.toml))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			_, err = rules.Compile(p)
			if err == nil {
				t.Fatal("no error")
			}
			var pe *rules.Error
			if !errors.As(err, &pe) || pe.File != "user.toml" || pe.Line != tt.wantLine {
				t.Errorf("got %v (line %d), want user.toml:%d", err, lineOf(pe), tt.wantLine)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantMsg)
			}
		})
	}
}

func lineOf(e *rules.Error) int {
	if e == nil {
		return -1
	}
	return e.Line
}

func TestParseFileMissing(t *testing.T) {
	_, err := rules.ParseFile(filepath.Join(t.TempDir(), "nope.toml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("got %v, want a not-exist error", err)
	}
}

// TestGitleaksConfigLoadsUnchanged: a rule written for gitleaks (with its
// deprecated [rules.allowlist] table and global [allowlist]) loads as is.
func TestGitleaksConfigLoadsUnchanged(t *testing.T) {
	const cfg = `
title = "company gitleaks config"
[allowlist]
description = "global"
paths = ['''vendor/''']

[[rules]]
id = "acme-token"
description = "ACME token"
regex = '''acme_[a-z0-9]{16}'''
keywords = ["acme_"]
tags = ["acme"]
entropy = 2.0
[rules.allowlist]
regexes = ['''acme_0000''']

[[rules]]
id = "acme-secret"
regex = '''ACME_SECRET=(\w{20})'''
secretGroup = 1
[[rules.allowlists]]
condition = "AND"
stopwords = ["sample"]
paths = ['''docs/''']
`
	p, err := rules.Parse("gitleaks.toml", []byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Find([]byte("x = acme_k3j5h2g7f9d1s4a6\n"), "app.py"); len(got) != 1 || got[0].Secret != "acme_k3j5h2g7f9d1s4a6" {
		t.Errorf("acme-token: got %+v", got)
	}
	if got := s.Find([]byte("x = acme_0000aaaabbbbcccc\n"), "app.py"); len(got) != 0 {
		t.Errorf("rule allowlist ignored: %+v", got)
	}
	// The global path allowlist drops the location.
	m := s.Find([]byte("x = acme_k3j5h2g7f9d1s4a6\n"), "")
	if len(m) != 1 || s.Keep(&m[0], "vendor/lib.py", "") || !s.Keep(&m[0], "src/lib.py", "") {
		t.Errorf("global path allowlist not applied by Keep")
	}
	if !s.SkipPath("vendor/x.go") || s.SkipPath("src/x.go") {
		t.Errorf("SkipPath wrong")
	}
	// AND: the stopword alone is not enough, the path alone is not enough.
	sec := s.Find([]byte("ACME_SECRET=sample01234567abcdefgh\n"), "")
	if len(sec) != 1 {
		t.Fatalf("acme-secret: %+v", sec)
	}
	if !s.Keep(&sec[0], "src/app.py", "") || s.Keep(&sec[0], "docs/readme.md", "") {
		t.Errorf("AND allowlist: want kept outside docs/, dropped inside")
	}
}

func TestExtendAndDisable(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.toml")
	os.WriteFile(base, []byte("[[rules]]\nid = \"base-a\"\nregex = \"AAA[0-9]{4}\"\n[[rules]]\nid = \"base-b\"\nregex = \"BBB[0-9]{4}\"\n"), 0o644)
	user := filepath.Join(dir, "user.toml")
	os.WriteFile(user, []byte("[extend]\npath = \"base.toml\"\ndisabledRules = [\"base-b\"]\n[[rules]]\nid = \"user-c\"\nregex = \"CCC[0-9]{4}\"\n"), 0o644)
	p, err := rules.ParseFile(user)
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range s.Rules() {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "base-a,user-c" {
		t.Errorf("rules %v, want base-a,user-c", ids)
	}

	// useDefault pulls in the default packs; disabledRules turns one off.
	p2, err := rules.Parse("mine.toml", []byte("[extend]\nuseDefault = true\ndisabledRules = [\"binance-api-secret\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s2, err := rules.Compile(p2)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s2.Rule("binance-api-key"); !ok {
		t.Error("useDefault did not bring in the default rules")
	}
	if _, ok := s2.Rule("binance-api-secret"); ok {
		t.Error("disabledRules did not remove binance-api-secret")
	}

	// A missing extend path is an error naming the pack.
	p3, _ := rules.Parse(filepath.Join(dir, "x.toml"), []byte("[extend]\npath = \"missing.toml\"\n"))
	if _, err := rules.Compile(p3); err == nil || !strings.Contains(err.Error(), "x.toml") {
		t.Errorf("missing extend path: %v", err)
	}
}

func TestParseFileRefusesSpecialAndHugeFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := rules.ParseFile("/dev/zero"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("/dev/zero: %v", err)
		}
	}
	big := filepath.Join(t.TempDir(), "big.toml")
	if err := os.WriteFile(big, make([]byte, rules.MaxPackSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := rules.ParseFile(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge pack: %v", err)
	}
	// Through [extend] path, as a hostile repository's .keyhound.toml would.
	p, _ := rules.Parse(filepath.Join(t.TempDir(), "k.toml"), []byte("[extend]\npath = \"/dev/zero\"\n"))
	if _, err := rules.Compile(p); err == nil {
		t.Error("extend path /dev/zero was followed")
	}
}
