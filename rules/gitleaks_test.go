package rules_test

import (
	"os"
	"testing"

	gitleaksconfig "github.com/zricethezav/gitleaks/v8/config"

	"github.com/keyhound/keyhound/rules"
)

func TestGitleaksPack(t *testing.T) {
	p, err := rules.Gitleaks()
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() < 200 {
		t.Fatalf("gitleaks pack has %d rules, want the full default set (over 200)", s.Len())
	}
	// A GitHub token is one of gitleaks' rules; keyhound finds it too.
	ms := s.Find([]byte(`token = "ghp_Rk3mX8vQ2pL7wN4cT9bY6hJ1gF5dS0aZ3eU8"`), "config.py")
	found := false
	for _, m := range ms {
		if m.RuleID == "github-pat" {
			found = true
		}
	}
	if !found {
		t.Fatalf("gitleaks pack did not find a GitHub PAT; got %+v", ms)
	}
	// Default-off: the default packs do not contain gitleaks rules.
	def := defaultSetT(t)
	if _, ok := def.Rule("github-pat"); ok {
		t.Fatal("gitleaks rules are in the default set; they must be opt-in")
	}
}

func defaultSetT(t *testing.T) *rules.Set { return defaultSet(t) }

// TestGitleaksTOMLIsTheModules: the embedded copy of gitleaks' default
// configuration is the one of the gitleaks module go.mod requires (after
// a gitleaks upgrade, copy config/gitleaks.toml from the module again).
func TestGitleaksTOMLIsTheModules(t *testing.T) {
	got, err := os.ReadFile("gitleaks.toml")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != gitleaksconfig.DefaultConfig {
		t.Fatalf("rules/gitleaks.toml (%d bytes) differs from gitleaks' config.DefaultConfig (%d bytes): copy it from the module again", len(got), len(gitleaksconfig.DefaultConfig))
	}
}
