package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

// TestLocationsTotal: a finding whose locations the scanner capped says
// how many there are in all: "locations_total" in JSON (absent when every
// location is listed) and "… and N more locations" in text, counting the
// ones the scanner left out.
func TestLocationsTotal(t *testing.T) {
	var locs []scan.Location
	for i := 0; i < 8; i++ {
		locs = append(locs, scan.Location{Path: fmt.Sprintf("f%d.env", i), Line: 1})
	}
	tests := []struct {
		name      string
		locs      int
		omitted   int
		wantJSON  string // "" means the key is absent
		wantText  string
		wantTotal int
	}{
		{"all listed", 8, 0, "", "… and 3 more locations", 0},
		{"capped", 8, 1000, `"locations_total": 1008`, "… and 1003 more locations", 1008},
		{"capped below the text limit", 2, 10, `"locations_total": 12`, "… and 10 more locations", 12},
	}
	for _, tt := range tests {
		f := scanFinding("binance", "binance", true, false, keySecret("tot", 1), locs[:tt.locs])
		f.LocationsOmitted = tt.omitted
		rf := FromFinding(f, false)
		if rf.LocationsTotal != tt.wantTotal {
			t.Errorf("%s: LocationsTotal %d, want %d", tt.name, rf.LocationsTotal, tt.wantTotal)
		}
		r := &Report{Mode: "scan", Findings: []Finding{rf}}
		_, raw := decodeJSON(t, r)
		if tt.wantJSON == "" && strings.Contains(raw, "locations_total") {
			t.Errorf("%s: locations_total written though every location is listed", tt.name)
		}
		if tt.wantJSON != "" && !strings.Contains(raw, tt.wantJSON) {
			t.Errorf("%s: JSON lacks %s", tt.name, tt.wantJSON)
		}
		var buf bytes.Buffer
		if err := WriteText(&buf, r, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tt.wantText) {
			t.Errorf("%s: text lacks %q:\n%s", tt.name, tt.wantText, buf.String())
		}
		buf.Reset()
		if err := WriteSARIF(&buf, r, nil); err != nil {
			t.Fatal(err)
		}
		total := tt.locs + tt.omitted
		if want := fmt.Sprintf(`"occurrences":%d`, total); !strings.Contains(strings.ReplaceAll(buf.String(), " ", ""), want) {
			t.Errorf("%s: SARIF lacks %s", tt.name, want)
		}
		if want := fmt.Sprintf("Also found in %d other locations", total-1); !strings.Contains(buf.String(), want) {
			t.Errorf("%s: SARIF message lacks %q", tt.name, want)
		}
	}
}

// TestTestFixtureReported: a finding only in tests and fixtures says so in
// JSON ("test_fixture": true) and SARIF (a property), and the text report
// lists it after the others under a heading.
func TestTestFixtureReported(t *testing.T) {
	loc := []scan.Location{{Path: "tests/keys.env", Line: 1}}
	fix := scanFinding("binance", "binance", true, false, keySecret("fix", 1), loc)
	fix.TestFixture = true
	other := scanFinding("okx", "okx", true, false, keySecret("oth", 2), []scan.Location{{Path: "config/.env", Line: 1}})
	r := &Report{Mode: "scan", Findings: []Finding{FromFinding(fix, false), FromFinding(other, false)}}
	_, raw := decodeJSON(t, r)
	if strings.Count(raw, `"test_fixture": true`) != 1 {
		t.Errorf("JSON: want one test_fixture: true\n%s", raw)
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	h := strings.Index(text, "In tests and fixtures only (1)")
	if h < 0 || strings.Index(text, "config/.env") > h || strings.Index(text, "tests/keys.env") < h {
		t.Errorf("text: the fixture is not listed last under its heading:\n%s", text)
	}
	buf.Reset()
	if err := WriteSARIF(&buf, r, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ReplaceAll(buf.String(), " ", ""), `"test_fixture":true`) {
		t.Errorf("SARIF lacks the test_fixture property")
	}
}
