package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/keyhound/keyhound/rules"
)

// Finding is one credential (or one standalone secret), deduplicated
// across every file, blob and commit it occurs in.
type Finding struct {
	// RuleID is the credential id (for paired exchange credentials) or
	// the rule id (for standalone rules).
	RuleID   string
	Exchange string
	// Verify names the verifier that can check this credential.
	Verify string
	// Fingerprint is stable across runs and positions: a hash of RuleID
	// and the secret values, never of where they were found.
	Fingerprint string
	// Complete is true when every part of the credential was found.
	Complete bool
	// Parts are the values found, as located at the first location.
	Parts []Part
	// Locations lists the places the finding occurs, in report order:
	// for history scans, the commit that introduced each (blob, path),
	// oldest first; otherwise by path and line. A finding keeps at most
	// Scanner.MaxLocations of them: the earliest, and the latest last.
	Locations []Location
	// LocationsOmitted counts the distinct places the finding occurs
	// beyond those in Locations (0 when every one is listed).
	LocationsOmitted int
	// InHead is true when the secret is still present in HEAD (history
	// and staged scans) or on disk (directory scans).
	InHead bool
	// TestFixture is true when every location is a test or its data (see
	// IsTestFixture): still reported, but most such values are made up.
	TestFixture bool
}

// Part is one value of a credential.
type Part struct {
	Part   rules.Part
	RuleID string
	// Value is the secret itself. Reports must redact it (see Redact).
	Value  string
	Line   int
	Column int
}

// Location is one place a finding occurs.
type Location struct {
	Commit  string // "" for working-tree, staged and reader scans
	Path    string
	Line    int // line of the first part
	Author  string
	Email   string
	Date    time.Time
	Blob    string // git blob id, for history and staged scans
	Message string // first line of the commit message
}

// Fingerprint returns the stable fingerprint of a credential: SHA-256 over
// the rule id and each part's role and value, in part order.
func Fingerprint(ruleID string, parts []Part) string {
	h := sha256.New()
	h.Write([]byte("keyhound/v1\x00" + ruleID))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p.Part))
		h.Write([]byte{0})
		h.Write([]byte(p.Value))
	}
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// Redact returns a display form of a secret that keeps enough to recognise
// it and never the whole value; it is rules.Redact.
func Redact(s string) string { return rules.Redact(s) }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// groupToFinding turns one rules.Group into a Finding with no locations.
func groupToFinding(g rules.Group) Finding {
	f := Finding{RuleID: g.ID, Exchange: g.Exchange, Verify: g.Verify, Complete: g.Complete}
	for _, m := range g.Parts {
		f.Parts = append(f.Parts, Part{Part: m.Part, RuleID: m.RuleID, Value: m.Secret, Line: m.Line, Column: m.Column})
	}
	f.Fingerprint = Fingerprint(f.RuleID, f.Parts)
	return f
}

func pathLineLess(a, b Location) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	return a.Line < b.Line
}
