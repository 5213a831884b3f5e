package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
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
	// Locations lists every place the finding occurs, in order of
	// discovery: for history scans, the commit that introduced each
	// (blob, path), oldest first.
	Locations []Location
	// InHead is true when the secret is still present in HEAD (history
	// and staged scans) or on disk (directory scans).
	InHead bool
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
// it (at most the first four characters for long values) and never the
// whole value.
func Redact(s string) string {
	n := len(s)
	switch {
	case n == 0:
		return ""
	case n < 12:
		return strings.Repeat("*", n)
	case n < 24:
		return s[:2] + strings.Repeat("*", 6)
	default:
		return s[:4] + "…" + "(" + itoa(n) + " chars)"
	}
}

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

// collector merges findings by fingerprint, keeping first-seen order.
type collector struct {
	byFP  map[string]int
	items []Finding
}

func newCollector() *collector { return &collector{byFP: make(map[string]int)} }

func (c *collector) add(f Finding, loc Location, inHead bool) {
	i, ok := c.byFP[f.Fingerprint]
	if !ok {
		i = len(c.items)
		c.byFP[f.Fingerprint] = i
		c.items = append(c.items, f)
	}
	it := &c.items[i]
	for _, l := range it.Locations {
		if l.Commit == loc.Commit && l.Path == loc.Path && l.Line == loc.Line {
			it.InHead = it.InHead || inHead
			return
		}
	}
	it.Locations = append(it.Locations, loc)
	it.InHead = it.InHead || inHead
}

// sorted returns the findings ordered by first location, then rule.
func (c *collector) sorted(less func(a, b Location) bool) []Finding {
	out := c.items
	for i := range out {
		locs := out[i].Locations
		sort.SliceStable(locs, func(a, b int) bool { return less(locs[a], locs[b]) })
	}
	sort.SliceStable(out, func(a, b int) bool {
		la, lb := out[a].Locations, out[b].Locations
		if len(la) > 0 && len(lb) > 0 && (less(la[0], lb[0]) || less(lb[0], la[0])) {
			return less(la[0], lb[0])
		}
		if out[a].RuleID != out[b].RuleID {
			return out[a].RuleID < out[b].RuleID
		}
		return out[a].Fingerprint < out[b].Fingerprint
	})
	return out
}

func pathLineLess(a, b Location) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	return a.Line < b.Line
}
