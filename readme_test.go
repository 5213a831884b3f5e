package keyhound_test

import (
	"os"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/verify"
)

// TestReadmeDocumentsVerifiers: the README's verification table has every
// verifier's row exactly as the code describes it (regenerate it with
// keyhound verifiers --markdown).
func TestReadmeDocumentsVerifiers(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, v := range verify.All() {
		sp := v.Spec()
		if !strings.Contains(readme, "| "+sp.Name+" | ") {
			t.Errorf("README has no verification row for %s", sp.Name)
		} else if !strings.Contains(readme, sp.MarkdownRow()+"\n") {
			t.Errorf("README's verification row for %s differs from the code's; regenerate it with keyhound verifiers --markdown:\n%s", sp.Name, sp.MarkdownRow())
		}
	}
	for _, cmd := range []string{"go run ./cmd/keyhound scan .", "go vet ./... && go test -race ./..."} {
		if !strings.Contains(readme, cmd) {
			t.Errorf("README lacks the command %q", cmd)
		}
	}
}
