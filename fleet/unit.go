// Package fleet scans many repositories as shards run by engines people
// already have (a GitHub Actions matrix, a Kubernetes Indexed Job): Plan
// lists the work units, ScanShard scans one shard of them into a
// directory (findings.jsonl, manifest.json), Merge joins the shards into
// one report in which a credential found in many repositories is one
// finding.
//
// The package never prints and never exits; it takes a context and
// returns errors. Every source is untrusted input: only https, ssh and
// local sources are accepted, clones are bounded in time and size, and a
// repository that fails is recorded while the shard goes on.
package fleet

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Unit is one repository to scan: one line of a plan.
type Unit struct {
	// ID names the repository in every output: "host/owner/name" for a
	// remote, the absolute path for a local one. Shards are assigned by
	// a hash of it.
	ID string `json:"id"`
	// Source is where it is cloned from: an https or ssh URL, or a local
	// path (absolute).
	Source string `json:"source"`
	// SizeKB is the repository's size as the host reports it (0 when
	// unknown); shards are balanced on it when it is known.
	SizeKB int64 `json:"size_kb,omitempty"`
	// DefaultBranch is the host's default branch, when known.
	DefaultBranch string `json:"default_branch,omitempty"`
	// Fork and Archived say what the host reported.
	Fork     bool `json:"fork,omitempty"`
	Archived bool `json:"archived,omitempty"`
}

// key is the unit's name in file names: a hash of its ID.
func (u Unit) key() string {
	h := sha256.Sum256([]byte(u.ID))
	return hex.EncodeToString(h[:])[:24]
}

// MaxUnitLine bounds one line of a units or repository list.
const MaxUnitLine = 64 << 10

// NewUnit checks a source (a line of --repos) and names it. base is the
// directory relative local paths are resolved against (the list's own).
//
// Accepted: https://host/path, ssh://[user@]host[:port]/path,
// user@host:path (scp-like ssh), file:///abs/path and local paths.
// Refused: plain http and git:// (no integrity, no authentication),
// transport helpers (ext::, fd::), URLs carrying a password (put tokens
// in GITHUB_TOKEN or a credential helper), option-like sources ("-…"),
// and control characters.
func NewUnit(source, base string) (Unit, error) {
	s := strings.TrimSpace(source)
	if s == "" {
		return Unit{}, errors.New("empty source")
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return Unit{}, fmt.Errorf("source %q holds a control character", s)
		}
	}
	if strings.HasPrefix(s, "-") {
		return Unit{}, fmt.Errorf("source %q looks like an option", s)
	}
	if strings.Contains(s, "::") {
		return Unit{}, fmt.Errorf("source %q: transport helpers (ext::, fd::) are not accepted", s)
	}
	if i := strings.Index(s, "://"); i > 0 {
		u, err := url.Parse(s)
		if err != nil {
			return Unit{}, fmt.Errorf("source %q: %v", redactURL(s), errors.Unwrap(err))
		}
		switch u.Scheme {
		case "https", "ssh":
		case "file":
			if u.Host != "" && u.Host != "localhost" {
				return Unit{}, fmt.Errorf("source %q: a file URL names no host", s)
			}
			return localUnit(u.Path, "")
		default:
			return Unit{}, fmt.Errorf("source %q: scheme %q not accepted (https, ssh, file or a local path)", redactURL(s), u.Scheme)
		}
		if _, hasPass := u.User.Password(); hasPass || (u.Scheme == "https" && u.User != nil) {
			return Unit{}, fmt.Errorf("source %q carries credentials: put a token in GITHUB_TOKEN or a credential helper, not in the list", redactURL(s))
		}
		if u.Host == "" || strings.Trim(u.Path, "/") == "" {
			return Unit{}, fmt.Errorf("source %q names no host or repository", s)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return Unit{}, fmt.Errorf("source %q: queries and fragments are not accepted", s)
		}
		return Unit{ID: remoteID(u.Hostname(), u.Path), Source: u.String()}, nil
	}
	if user, rest, ok := strings.Cut(s, "@"); ok && !strings.ContainsAny(user, "/\\") {
		host, path, ok := strings.Cut(rest, ":")
		if !ok || host == "" || path == "" || strings.ContainsAny(host, "/\\") {
			return Unit{}, fmt.Errorf("source %q: want user@host:path", s)
		}
		return Unit{ID: remoteID(host, path), Source: s}, nil
	}
	return localUnit(s, base)
}

func localUnit(p, base string) (Unit, error) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return Unit{}, err
	}
	return Unit{ID: abs, Source: abs}, nil
}

// remoteID is host/path without a leading slash or a trailing ".git".
func remoteID(host, path string) string {
	path = strings.Trim(path, "/")
	path = strings.TrimSuffix(path, ".git")
	return strings.ToLower(host) + "/" + path
}

// redactURL drops any user information from a URL for messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		if i := strings.Index(s, "@"); i >= 0 && strings.Contains(s[:i], "://") {
			return s[:strings.Index(s, "://")+3] + "…@" + s[i+1:]
		}
		return s
	}
	u.User = url.User("…")
	return u.String()
}

// ReadRepoList reads a list of sources, one a line; blank lines and lines
// starting with # are skipped. Relative paths are resolved against the
// list's directory, and their size on disk is noted for balancing. Every
// bad line is named with its number.
func ReadRepoList(path string) ([]Unit, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	base := filepath.Dir(path)
	var out []Unit
	seen := map[string]int{}
	err = forLines(f, func(n int, line string) error {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		u, err := NewUnit(line, base)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if first, dup := seen[u.ID]; dup {
			return fmt.Errorf("%s:%d: %s is already on line %d", path, n, u.ID, first)
		}
		seen[u.ID] = n
		if filepath.IsAbs(u.Source) {
			// A local repository's size on disk: shards balance on it as
			// on the sizes GitHub reports.
			u.SizeKB = dirSize(u.Source) >> 10
		}
		out = append(out, u)
		return nil
	})
	return out, err
}

func forLines(r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), MaxUnitLine)
	n := 0
	for sc.Scan() {
		n++
		if err := fn(n, sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", n+1, err)
	}
	return nil
}

// WriteUnits writes units as JSON lines.
func WriteUnits(w io.Writer, units []Unit) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, u := range units {
		if err := enc.Encode(u); err != nil {
			return err
		}
	}
	return nil
}

// ReadUnits reads a plan (JSON lines, as WriteUnits writes them). Every
// unit's source is checked again (a plan is a file anyone could have
// edited); a bad or duplicate unit is an error naming its line.
func ReadUnits(path string) ([]Unit, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Unit
	seen := map[string]int{}
	err = forLines(f, func(n int, line string) error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		var u Unit
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&u); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
		checked, err := NewUnit(u.Source, filepath.Dir(path))
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
		u.Source = checked.Source
		if u.ID == "" {
			u.ID = checked.ID
		}
		if first, dup := seen[u.ID]; dup {
			return fmt.Errorf("%s:%d: unit %s is already on line %d", path, n, u.ID, first)
		}
		seen[u.ID] = n
		out = append(out, u)
		return nil
	})
	if err == nil && len(out) == 0 {
		err = fmt.Errorf("%s: no units", path)
	}
	return out, err
}
