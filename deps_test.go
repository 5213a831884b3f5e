package keyhound_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLibraryDependencies: the library packages stay light and layered.
// rules does not pull in gitleaks' configuration stack (its config
// package brings viper, zerolog, hcl, afero and more for one embedded
// string; rules embeds the TOML itself), and verify depends on rules, not
// on scan (it knows nothing of git).
func TestLibraryDependencies(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go tool not found: %v", err)
	}
	deps := func(pkgs ...string) []string {
		out, err := exec.Command(goTool, append([]string{"list", "-deps"}, pkgs...)...).Output()
		if err != nil {
			t.Fatalf("go list -deps %v: %v", pkgs, err)
		}
		return strings.Fields(string(out))
	}
	banned := []string{"github.com/zricethezav/gitleaks/", "github.com/spf13/viper", "github.com/rs/zerolog", "github.com/hashicorp/hcl", "github.com/spf13/afero"}
	for _, d := range deps("./rules", "./scan", "./verify", "./report") {
		for _, b := range banned {
			if strings.HasPrefix(d, b) {
				t.Errorf("rules, scan, verify or report depend on %s", d)
			}
		}
	}
	for _, d := range deps("./verify") {
		if d == "github.com/keyhound/keyhound/scan" || strings.HasPrefix(d, "github.com/go-git/") {
			t.Errorf("verify depends on %s; it should need rules alone", d)
		}
	}
}
