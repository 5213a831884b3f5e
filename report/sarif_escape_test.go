package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestSARIFMessagesEscapeRepositoryText: SARIF messages are plain text
// in which "[text](id)" is an embedded link (SARIF 2.1.0 §3.11.6; GitHub
// renders it). A file name, rule id or error from the repository must not
// add a link or hide one, nor carry control or bidi characters into what
// GitHub shows: in every message text, brackets that are not keyhound's
// own links are backslash-escaped, and control and bidi characters are
// escaped visibly. artifactLocation.uri keeps the exact path.
func TestSARIFMessagesEscapeRepositoryText(t *testing.T) {
	date := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	evil := "a[click here](https://evil.example/x)\x1b[31m\u202etxt.exe\n\\[.env"
	r := &Report{
		Mode: "history",
		Findings: []Finding{{
			RuleID: "rule](1)[x", Fingerprint: "f1", Complete: true, InHead: false,
			Parts: []Part{{Part: "secret", Value: "x…"}},
			Locations: []Location{
				{Commit: "0123456789abcdef0123456789abcdef01234567", Path: evil, Line: 2, Author: "a", Date: &date},
				{Commit: "1123456789abcdef0123456789abcdef01234567", Path: "b](2)[c\u2066.env", Line: 3, Author: "b", Date: &date},
			},
		}},
		Errors: []string{evil + ": object missing"},
	}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, r, nil); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, buf.Bytes())
	var d sarifDoc
	if err := json.Unmarshal(buf.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	res := d.Runs[0].Results[0]
	texts := []string{res.Message.Text}
	for _, l := range res.RelatedLocations {
		if l.Message != nil {
			texts = append(texts, l.Message.Text)
		}
	}
	for _, n := range d.Runs[0].Invocations[0].ToolExecutionNotifications {
		texts = append(texts, n["message"].(map[string]any)["text"].(string))
	}
	if len(texts) != 3 {
		t.Fatalf("%d message texts, want 3: %q", len(texts), texts)
	}
	link := regexp.MustCompile(`^\]\(\d+\)`)
	for i, s := range texts {
		for _, c := range s {
			if c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) {
				t.Errorf("message %d carries %U: %q", i, c, s)
			}
		}
		// Unescaped brackets: only keyhound's own links in the result
		// message ("[desc](1)"), none elsewhere.
		var open, links int
		for j := 0; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++ // an escaped character
			case '[':
				open++
			case ']':
				if i == 0 && link.MatchString(s[j:]) {
					links++
				} else {
					t.Errorf("message %d: an unescaped ']' at %d: %q", i, j, s)
				}
			}
		}
		if i == 0 && (open != 1 || links != 1) {
			t.Errorf("result message: %d '[' and %d links, want the one related location: %q", open, links, s)
		}
		if i > 0 && open != 0 {
			t.Errorf("message %d: %d unescaped '[': %q", i, open, s)
		}
	}
	if !strings.Contains(texts[0], `Added to a\[click here\](https://evil.example/x)\\x1b\[31m\\u202etxt.exe\\n\\\[.env in commit`) {
		t.Errorf("the primary path is not shown escaped: %q", texts[0])
	}
	if !strings.Contains(texts[0], `(rule\](1)\[x)`) {
		t.Errorf("the rule id is not shown escaped: %q", texts[0])
	}
	if got := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != pathURI(evil) {
		t.Errorf("artifact URI %q, want the exact path encoded %q", got, pathURI(evil))
	}
}
