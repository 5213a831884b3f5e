package rules_test

import (
	"testing"

	"github.com/keyhound/keyhound/rules"
)

func TestGitleaksSchema(t *testing.T) {
	tests := []struct {
		name, toml string
		want       bool
	}{
		// The shape gitleaks' README documents for a .gitleaks.toml.
		{"gitleaks config extending the default", `title = "custom"
[extend]
useDefault = true
[[rules]]
id = "internal-token"
regex = '''itk_[a-z0-9]{32}'''
keywords = ["itk_"]
[allowlist]
paths = ['''vendor/''']
`, true},
		{"allowlists only", "[[allowlists]]\nregexes = ['''EXAMPLE''']\n", true},
		{"keyhound rule fields", "[[rules]]\nid = \"x-key\"\nexchange = \"x\"\npart = \"key\"\nvalue = '''[a-z]{20}'''\n", false},
		{"keyhound credentials", "[[rules]]\nid = \"a\"\nregex = '''a{9}'''\n[[rules]]\nid = \"b\"\nregex = '''b{9}'''\n[[credentials]]\nid = \"c\"\nrules = [\"a\", \"b\"]\n", false},
		{"keyhound venues", "[[venues]]\nid = \"acme\"\nnames = [\"acme\"]\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := rules.Parse("t.toml", []byte(tt.toml))
			if err != nil {
				t.Fatal(err)
			}
			if got := p.GitleaksSchema(); got != tt.want {
				t.Fatalf("GitleaksSchema() = %v, want %v", got, tt.want)
			}
		})
	}
}
