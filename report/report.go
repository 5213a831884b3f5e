// Package report renders scan findings for people and tools: a terminal
// report, and the JSON report whose shape is a stable contract.
package report

import (
	"time"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/repoconfig"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// Report is the JSON report: the contract other tools parse. Fields are
// only ever added, never renamed or removed.
type Report struct {
	Tool     string    `json:"tool"`
	Version  string    `json:"version"`
	Target   string    `json:"target,omitempty"`
	Mode     string    `json:"mode,omitempty"` // "scan", "history", "staged", "stdin"
	Redacted bool      `json:"redacted"`
	Findings []Finding `json:"findings"`
	Errors   []string  `json:"errors,omitempty"`
	// Interrupted is set when the scan was stopped (Ctrl-C, SIGTERM, a
	// deadline) before it finished: the findings are those made until
	// then, and Errors says where it stopped.
	Interrupted bool `json:"interrupted,omitempty"`
	// EndpointOverrides lists verification base URLs that are not the
	// exchanges' official hosts (tests, regional hosts): results made
	// through them are only as trustworthy as those hosts. It is set
	// whenever verification runs with an override configured (flag or
	// environment), whether or not a finding was verified through it.
	EndpointOverrides map[string]string `json:"endpoint_overrides,omitempty"`
	Stats             *Stats            `json:"stats,omitempty"`
}

// Finding is one credential in the JSON report.
type Finding struct {
	RuleID      string     `json:"rule_id"`
	Exchange    string     `json:"exchange"`
	Fingerprint string     `json:"fingerprint"`
	Complete    bool       `json:"complete"`
	Parts       []Part     `json:"parts"`
	Locations   []Location `json:"locations"`
	// LocationsTotal is how many distinct places the finding occurs in,
	// when that is more than Locations lists (see scan.MaxLocations);
	// absent otherwise.
	LocationsTotal int  `json:"locations_total,omitempty"`
	InHead         bool `json:"in_head"`
	// TestFixture is true when every location is a test or its data
	// (scan.IsTestFixture); absent otherwise.
	TestFixture bool `json:"test_fixture,omitempty"`
	// Verification is filled by --verify; null otherwise.
	Verification *verify.Result `json:"verification"`
	// Policy is the verification policy's verdict on the credential
	// (see package policy): filled with Verification; absent otherwise.
	Policy *policy.Verdict `json:"policy,omitempty"`
	// Remediation says where and how to revoke and re-issue the key:
	// filled for a key verified live; absent otherwise.
	Remediation *verify.Remediation `json:"remediation,omitempty"`
}

// Judge sets f.Policy to c's verdict at now on f.Verification (nil: the
// credential was not verified, which is never compliant) and, for a key
// verified live, f.Remediation to how its exchange revokes and re-issues
// keys.
func (f *Finding) Judge(c policy.Config, now time.Time) {
	v := c.Check(f.Verification, now)
	f.Policy = &v
	f.Remediation = nil
	if r := f.Verification; r != nil && r.Status == verify.Live {
		if rem, ok := verify.RemediationFor(r.Exchange); ok {
			f.Remediation = &rem
		}
	}
}

// Part is one value of a credential: redacted unless the report was made
// with redaction off.
type Part struct {
	Part   string `json:"part"`
	RuleID string `json:"rule_id"`
	Value  string `json:"value"`
	File   string `json:"file"`
	Line   int    `json:"line"`
}

// Location is one place a finding occurs.
type Location struct {
	Commit string     `json:"commit"`
	Path   string     `json:"path"`
	Line   int        `json:"line"`
	Author string     `json:"author"`
	Email  string     `json:"email,omitempty"`
	Date   *time.Time `json:"date"`
	Blob   string     `json:"blob,omitempty"`

	// Repository names the repository, in reports that join many
	// (keyhound fleet merge); absent otherwise.
	Repository string `json:"repository,omitempty"`
}

// Stats are the scan's counters.
type Stats struct {
	Files         int64 `json:"files"`
	Bytes         int64 `json:"bytes"`
	SkippedBinary int64 `json:"skipped_binary"`
	Commits       int64 `json:"commits"`
	DurationMS    int64 `json:"duration_ms"`
	// SkippedGitignored counts the files (and directories skipped whole)
	// a directory scan did not read because .gitignore excludes them;
	// tracked and secret-bearing files are read whatever .gitignore says.
	SkippedGitignored int64 `json:"skipped_gitignored,omitempty"`
	// SkippedLarge counts files, blobs and streams over the size limit
	// (--max-target-megabytes); each is also named in Errors.
	SkippedLarge int64 `json:"skipped_large,omitempty"`
	// Config says where the scan's configuration came from and what it
	// adds, turns off and allows (see repoconfig.Summary).
	Config *repoconfig.Summary `json:"config,omitempty"`
}

// FromFinding converts a scan finding, redacting its values unless
// noRedact is set.
func FromFinding(f scan.Finding, noRedact bool) Finding {
	out := Finding{
		RuleID:      f.RuleID,
		Exchange:    f.Exchange,
		Fingerprint: f.Fingerprint,
		Complete:    f.Complete,
		InHead:      f.InHead,
		TestFixture: f.TestFixture,
		Parts:       []Part{},
		Locations:   []Location{},
	}
	file := ""
	if len(f.Locations) > 0 {
		file = f.Locations[0].Path
	}
	for _, p := range f.Parts {
		v := p.Value
		if !noRedact {
			v = scan.Redact(v)
		}
		out.Parts = append(out.Parts, Part{Part: string(p.Part), RuleID: p.RuleID, Value: v, File: file, Line: p.Line})
	}
	for _, l := range f.Locations {
		loc := Location{Commit: l.Commit, Path: l.Path, Line: l.Line, Author: l.Author, Email: l.Email, Blob: l.Blob}
		if !l.Date.IsZero() && validYear(l.Date) {
			d := l.Date.UTC()
			loc.Date = &d
		}
		out.Locations = append(out.Locations, loc)
	}
	if f.LocationsOmitted > 0 {
		out.LocationsTotal = len(out.Locations) + f.LocationsOmitted
	}
	return out
}

// locationsTotal is how many places f occurs in, listed or not.
func (f *Finding) locationsTotal() int { return max(len(f.Locations), f.LocationsTotal) }

// validYear reports whether t fits the four-digit years RFC 3339 (and so
// JSON and SARIF) can hold. git allows any commit date; a hostile or
// corrupt one must not make a report unwritable.
func validYear(t time.Time) bool {
	y := t.UTC().Year()
	return y >= 1 && y <= 9999
}

// sanitize drops dates no report format can hold.
func sanitize(r *Report) {
	for i := range r.Findings {
		f := &r.Findings[i]
		for j := range f.Locations {
			if d := f.Locations[j].Date; d != nil && !validYear(*d) {
				f.Locations[j].Date = nil
			}
		}
		if v := f.Verification; v != nil && ((v.Expires != nil && !validYear(*v.Expires)) || (v.Created != nil && !validYear(*v.Created))) {
			vc := *v
			if vc.Expires != nil && !validYear(*vc.Expires) {
				vc.Expires = nil
			}
			if vc.Created != nil && !validYear(*vc.Created) {
				vc.Created = nil
			}
			f.Verification = &vc
		}
	}
}
