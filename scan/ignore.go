package scan

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/rules"
)

// Ignore is a set of findings not to report. It reads two line formats,
// one entry a line; '#' starts a comment, at the start of a line or
// after a space:
//
//   - a keyhound fingerprint (40 hex digits), which suppresses the
//     finding wherever it occurs;
//   - a gitleaks entry, "commit:path:rule-id:line" or "path:rule-id:line"
//     (a .gitleaksignore file), which suppresses that one location.
type Ignore struct {
	fingerprints map[string]bool
	entries      map[string]bool // "commit\x00path\x00rule\x00line"
}

var fingerprintRE = regexp.MustCompile(`^[0-9a-f]{40}$`)

// NewIgnore returns an empty ignore set.
func NewIgnore() *Ignore {
	return &Ignore{fingerprints: map[string]bool{}, entries: map[string]bool{}}
}

// Add adds one entry in either format.
func (ig *Ignore) Add(entry string) error {
	if i := strings.Index(entry, " #"); i >= 0 {
		entry = entry[:i] // a trailing comment
	}
	entry = strings.TrimSpace(entry)
	if entry == "" || strings.HasPrefix(entry, "#") {
		return nil
	}
	if fingerprintRE.MatchString(entry) {
		ig.fingerprints[entry] = true
		return nil
	}
	// gitleaks: [commit:]path:rule:line — the path may itself hold ':'.
	parts := strings.Split(entry, ":")
	if len(parts) < 3 {
		return fmt.Errorf("ignore entry %s is neither a fingerprint nor path:rule:line", quoteEntry(entry))
	}
	line := parts[len(parts)-1]
	if _, err := strconv.Atoi(line); err != nil {
		return fmt.Errorf("ignore entry %s: the last field is not a line number", quoteEntry(entry))
	}
	rule := parts[len(parts)-2]
	commit := ""
	rest := parts[:len(parts)-2]
	if len(rest) > 1 && isHexCommit(rest[0]) {
		commit, rest = rest[0], rest[1:]
	}
	path := strings.Join(rest, ":")
	ig.entries[commit+"\x00"+path+"\x00"+rule+"\x00"+line] = true
	return nil
}

// quoteEntry quotes an ignore entry for an error, escaped and cut short:
// an ignore file is the repository's input and its content is never
// echoed at length.
func quoteEntry(s string) string { return `"` + textsafe.Excerpt(s, 48) + `"` }

func isHexCommit(s string) bool {
	if len(s) < 7 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// Read adds every entry of r; name is used in errors.
func (ig *Ignore) Read(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		if err := ig.Add(sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// Len returns the number of entries.
func (ig *Ignore) Len() int { return len(ig.fingerprints) + len(ig.entries) }

// Counts returns the number of fingerprint entries and of location
// (gitleaks-style) entries.
func (ig *Ignore) Counts() (fingerprints, locations int) {
	return len(ig.fingerprints), len(ig.entries)
}

// Fingerprints returns the fingerprint entries, sorted.
func (ig *Ignore) Fingerprints() []string {
	out := make([]string, 0, len(ig.fingerprints))
	for fp := range ig.fingerprints {
		out = append(out, fp)
	}
	sort.Strings(out)
	return out
}

// filter drops ignored locations; ok is false when nothing is left.
func (ig *Ignore) filter(f Finding, set *rules.Set) (Finding, bool) {
	if ig.fingerprints[f.Fingerprint] {
		return f, false
	}
	if len(ig.entries) == 0 {
		return f, true
	}
	kept := f.Locations[:0:0]
	for _, l := range f.Locations {
		if !ig.dropsLocation(&f, l) {
			kept = append(kept, l)
		}
	}
	if len(kept) == 0 {
		return f, false
	}
	f.Locations = kept
	return f, true
}
