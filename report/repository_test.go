package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

// Merged reports (keyhound fleet merge) name each location's repository:
// a JSON field, a prefix in the text report and in SARIF's location
// messages; single-repository reports are unchanged.
func TestLocationRepository(t *testing.T) {
	r, _ := build("history", false, scanFinding("binance", "binance", true, true, keySecret("repo", 3),
		[]scan.Location{histLoc(1, "bot/.env", 3), histLoc(2, "deploy/.env", 3)}))
	r.Findings[0].Locations[0].Repository = "github.com/acme/api\x1b[2J"
	r.Findings[0].Locations[1].Repository = "github.com/acme/web"
	var js bytes.Buffer
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct {
			Locations []map[string]any `json:"locations"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Findings[0].Locations[0]["repository"]; got != "github.com/acme/api\x1b[2J" {
		t.Errorf("JSON location repository = %v", got)
	}
	var text bytes.Buffer
	if err := WriteText(&text, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "at github.com/acme/api\\x1b[2J: bot/.env:3") || strings.Contains(text.String(), "\x1b[2J") {
		t.Errorf("text report:\n%s", text.String())
	}
	var sarif bytes.Buffer
	if err := WriteSARIF(&sarif, r, testInfos); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, sarif.Bytes())
	if !strings.Contains(sarif.String(), "github.com/acme/api") || strings.Contains(sarif.String(), "\x1b") {
		t.Errorf("SARIF does not name the related location's repository (escaped):\n%s", sarif.String())
	}
	// Without a repository, nothing changes.
	r.Findings[0].Locations[0].Repository, r.Findings[0].Locations[1].Repository = "", ""
	js.Reset()
	WriteJSON(&js, r)
	if strings.Contains(js.String(), `"repository"`) {
		t.Error("a location without a repository has the field")
	}
}
