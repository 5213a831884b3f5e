package rules_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/keyhound/keyhound/rules"
)

func TestParseFSExtendStaysInside(t *testing.T) {
	fsys := fstest.MapFS{
		"base.toml":     {Data: []byte("[[rules]]\nid = \"base-a\"\nregex = \"AAA[0-9]{4}\"\n")},
		"cfg/more.toml": {Data: []byte("[extend]\npath = \"../base.toml\"\n[[rules]]\nid = \"more-b\"\nregex = \"BBB[0-9]{4}\"\n")},
	}
	tests := []struct {
		name, ext string
		ok        bool
	}{
		{"sibling", "base.toml", true},
		{"subdirectory up and back", "cfg/../base.toml", true},
		{"chain", "cfg/more.toml", true},
		{"absolute", "/etc/passwd", false},
		{"parent", "../outside.toml", false},
		{"deep parent", "cfg/../../outside.toml", false},
		{"backslash", "..\\outside.toml", false},
		{"missing", "nope.toml", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"base.toml": fsys["base.toml"], "cfg/more.toml": fsys["cfg/more.toml"]}
			fsys[".keyhound.toml"] = &fstest.MapFile{Data: []byte("[extend]\npath = " + quote(tt.ext) + "\n")}
			p, err := rules.ParseFS(fsys, ".keyhound.toml")
			if err != nil {
				t.Fatal(err)
			}
			set, err := rules.Compile(p)
			if tt.ok {
				if err != nil {
					t.Fatalf("Compile: %v", err)
				}
				if _, ok := set.Rule("base-a"); !ok {
					t.Fatalf("base-a not loaded through the extend")
				}
				return
			}
			if err == nil {
				t.Fatalf("extend %q loaded", tt.ext)
			}
			var re *rules.Error
			if !errors.As(err, &re) || re.File != ".keyhound.toml" || re.Line != 2 {
				t.Fatalf("error %v does not name .keyhound.toml:2", err)
			}
			if tt.name != "missing" && !strings.Contains(err.Error(), "outside the repository") {
				t.Fatalf("error %v does not say why", err)
			}
			if tt.name == "missing" && !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("error %v is not ErrNotExist", err)
			}
		})
	}
}

func quote(s string) string { return "'" + s + "'" }

func TestParseFSRefusesSpecialFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"dir/x":    {Data: []byte("x")},
		"pipe":     {Mode: fs.ModeNamedPipe},
		"big.toml": {Data: make([]byte, rules.MaxPackSize+1)},
	}
	for _, name := range []string{"dir", "pipe", "big.toml"} {
		if _, err := rules.ParseFS(fsys, name); err == nil {
			t.Errorf("ParseFS(%q) succeeded", name)
		}
	}
}
