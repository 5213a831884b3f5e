package rules_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/rules"
)

// TestIDCharacters: rule and credential ids are restricted to
// [A-Za-z0-9._-], because they are printed (text report, the Action's
// summary, SARIF rule ids): a pack that a repository supplies must not be
// able to put a newline, a workflow command or an escape sequence there.
// The error names the file and line and quotes the id escaped and short.
func TestIDCharacters(t *testing.T) {
	rule := func(id string) string { return "[[rules]]\nid = " + id + "\nregex = \"x\"\npart = \"key\"\n" }
	cred := func(id string) string {
		return rule(`"k"`) + "[[rules]]\nid = \"s\"\nregex = \"y\"\npart = \"secret\"\n" +
			"\n[[credentials]]\nid = " + id + "\nrules = [\"k\", \"s\"]\n"
	}
	tests := []struct {
		name     string
		toml     string
		wantLine int // 0: no error
	}{
		{"plain", rule(`"binance-api-key"`), 0},
		{"all allowed characters", rule(`"Az09._-"`), 0},
		{"credential plain", cred(`"binance"`), 0},
		{"newline", rule(`"a\n::warning::pwned"`), 2},
		{"carriage return", rule(`"a\rb"`), 2},
		{"escape sequence", rule(`"a\u001b[31mred"`), 2},
		{"workflow command, one line", rule(`"::stop-commands::deadbeef"`), 2},
		{"legacy command", rule(`"a##[error]b"`), 2},
		{"space", rule(`"a b"`), 2},
		{"slash", rule(`"a/b"`), 2},
		{"colon", rule(`"a:b"`), 2},
		{"non-ASCII letter", rule(`"caf\u00e9"`), 2},
		{"bidi override", rule(`"a\u202eb"`), 2},
		{"literal string", rule(`'a b'`), 2},
		{"credential newline", cred(`"c\nd"`), 11},
		{"credential space", cred(`"c d"`), 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := rules.Parse("pack.toml", []byte(tt.toml))
			if err == nil && tt.wantLine == 0 {
				if _, err := rules.Compile(p); err != nil {
					t.Fatalf("compile: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if tt.wantLine == 0 {
				t.Fatalf("unexpected error: %v", err)
			}
			var pe *rules.Error
			if !errors.As(err, &pe) || pe.File != "pack.toml" || pe.Line != tt.wantLine {
				t.Errorf("got %v (line %d), want pack.toml:%d", err, lineOf(pe), tt.wantLine)
			}
			msg := err.Error()
			if !strings.Contains(msg, "A-Za-z0-9") {
				t.Errorf("error %q does not say which characters are allowed", msg)
			}
			if textsafe.Escape(msg) != msg {
				t.Errorf("error %q holds a control or bidi character: ids must be quoted escaped", msg)
			}
		})
	}
}

// TestIDExcerptIsShort: an invalid id of any length is quoted in a
// bounded excerpt, not in full.
func TestIDExcerptIsShort(t *testing.T) {
	long := strings.Repeat("a\\n", 5000)
	_, err := rules.Parse("pack.toml", []byte("[[rules]]\nid = \""+long+"\"\nregex = \"x\"\n"))
	if err == nil {
		t.Fatal("no error")
	}
	if n := len(err.Error()); n > 300 {
		t.Errorf("error is %d bytes long: %.120q…", n, err.Error())
	}
}

// TestBuiltInIDsAreValid: every embedded default pack and gitleaks'
// default rules still load under the id restriction.
func TestBuiltInIDsAreValid(t *testing.T) {
	packs, err := rules.Default()
	if err != nil {
		t.Fatalf("default packs: %v", err)
	}
	gl, err := rules.Gitleaks()
	if err != nil {
		t.Fatalf("gitleaks pack: %v", err)
	}
	if _, err := rules.Compile(append(packs, gl)...); err != nil {
		t.Fatalf("compile: %v", err)
	}
	n := 0
	for _, p := range append(packs, gl) {
		n += len(p.Rules) + len(p.Credentials)
	}
	if n < 300 {
		t.Errorf("%d ids checked, want the default packs' and gitleaks' (over 300)", n)
	}
}
