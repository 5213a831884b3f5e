// Package repoconfig loads what a repository says about its own scan —
// its .keyhound.toml (with the packs that extends) and its ignore files,
// .keyhoundignore and .gitleaksignore — from a source the caller trusts,
// caps what a repository may supply, and counts what it adds, turns off
// and allows.
//
// Where the files come from is the caller's decision, and the security of
// a CI scan rests on it: a pull request that adds
// disabledRules = ["binance-api-key"] must not decide how it is itself
// scanned. A directory or staged scan reads the work tree
// (repofile.FS); a range scan reads the tree of the range's base commit
// (scan.TreeFS), never the commits being scanned. Either way every file
// is read without following symbolic links, without blocking, inside the
// repository and within a size cap.
package repoconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/repofile"
	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

// The files a repository supplies about its own scan, at its root.
const (
	ConfigFile         = ".keyhound.toml"
	IgnoreFile         = ".keyhoundignore"
	GitleaksIgnoreFile = ".gitleaksignore"
	// GitleaksConfigFile is read when there is no ConfigFile: gitleaks
	// users have one already.
	GitleaksConfigFile = ".gitleaks.toml"
)

// Files are the names a repository's scan configuration is read from,
// in the order they are read.
func Files() []string {
	return []string{ConfigFile, GitleaksConfigFile, IgnoreFile, GitleaksIgnoreFile}
}

// Limits cap what a repository-supplied configuration may hold. Zero
// fields take the defaults.
type Limits struct {
	// MaxRules bounds the rules of the config and the packs it extends
	// (default 500; the embedded packs hold about 80, gitleaks' 222).
	MaxRules int
	// MaxPatternBytes bounds the total length of every regular
	// expression, path pattern, keyword and stop word they hold
	// (default 512 KiB).
	MaxPatternBytes int
}

func (l Limits) withDefaults() Limits {
	if l.MaxRules <= 0 {
		l.MaxRules = 500
	}
	if l.MaxPatternBytes <= 0 {
		l.MaxPatternBytes = 512 << 10
	}
	return l
}

// Source is where a repository's files are read.
type Source struct {
	// FS holds the repository's files: repofile.FS for a work tree,
	// scan.TreeFS for a commit. Nil: the repository supplies nothing.
	FS fs.FS
	// Name says what FS is in messages: "work tree", "commit 1a2b3c4d
	// (the range's base)".
	Name string
}

// Options say where the configuration comes from.
type Options struct {
	// Repo is the repository's own files, from a source the caller
	// trusts.
	Repo Source
	// ConfigFile, when set, is a configuration the user named
	// (--config): read from the host's file system and trusted as the
	// user's own; the repository's .keyhound.toml is then not read. Its
	// ignore files still are.
	ConfigFile string
	// Limits cap a configuration read from Repo.
	Limits Limits
}

// Config is a loaded configuration.
type Config struct {
	// Pack is the configuration's rule pack (nil when there is none).
	// Compile it after the packs it builds on and before the user's own.
	Pack *rules.Pack
	// Ignore holds the entries of the ignore files (empty, never nil).
	Ignore *scan.Ignore
	// Policy is the verification policy of the configuration's [policy]
	// table (the default policy when there is none).
	Policy policy.Config
	// Summary counts what the configuration and ignore files do.
	Summary Summary
	// Gitleaks is set when the configuration is in gitleaks' schema alone
	// (rules.Pack.GitleaksSchema) and is not named .keyhound.toml: a
	// gitleaks user's configuration (.gitleaks.toml, or one named with
	// --config).
	// GitleaksDefault is set when it also extends the default
	// ([extend] useDefault anywhere in its chain), which to its author
	// means gitleaks' default rules: compile rules.Gitleaks() under it.
	Gitleaks, GitleaksDefault bool
}

// Summary says where a scan's configuration came from and what it adds,
// turns off and allows, so that a change to it can be noticed.
type Summary struct {
	// Source is where the repository's files were read ("" if nowhere).
	Source string `json:"source,omitempty"`
	// Config names the configuration file in force ("" if none), with the
	// packs it extends.
	Config []string `json:"config,omitempty"`
	// IgnoreFiles names the ignore files read.
	IgnoreFiles []string `json:"ignore_files,omitempty"`
	// RulesAdded counts rules with new ids.
	RulesAdded int `json:"rules_added"`
	// RulesReplaced counts rules that redefine a built-in rule's id.
	RulesReplaced int `json:"rules_replaced"`
	// RulesDisabled counts built-in rules turned off (disabledRules).
	RulesDisabled int `json:"rules_disabled"`
	// Allowlists counts allowlist tables (global and per rule), and the
	// entries of each kind they hold.
	Allowlists         int `json:"allowlists"`
	AllowlistPaths     int `json:"allowlist_paths"`
	AllowlistRegexes   int `json:"allowlist_regexes"`
	AllowlistStopwords int `json:"allowlist_stopwords"`
	AllowlistCommits   int `json:"allowlist_commits"`
	// IgnoredFingerprints and IgnoredLocations count ignore-file entries.
	IgnoredFingerprints int `json:"ignored_fingerprints"`
	IgnoredLocations    int `json:"ignored_locations"`
	// Policy lists what the configuration's [policy] table changes from
	// the default verification policy ("no-ip-allowlist=off").
	Policy []string `json:"policy,omitempty"`
	// ChangedInRange names the configuration and ignore files that the
	// scanned range changes: they were not applied (see Changed).
	ChangedInRange []string `json:"changed_in_range,omitempty"`
}

// Load reads the configuration and ignore files. builtin are the packs
// the configuration builds on (the embedded packs and any the user
// added); they are used only to count what the configuration replaces
// and disables. Errors name the file, and a refused file (a symbolic link, a
// FIFO, a file too large) is an error, never silently skipped.
func Load(builtin []*rules.Pack, o Options) (*Config, error) {
	c := &Config{Ignore: scan.NewIgnore(), Summary: Summary{Source: o.Repo.Name}}
	var chain []*rules.Pack
	switch {
	case o.ConfigFile != "":
		p, err := rules.ParseFile(o.ConfigFile)
		if err != nil {
			return nil, err
		}
		if chain, err = p.Chain(); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(o.ConfigFile) // a regular file of bounded size: ParseFile checked
		if err != nil {
			return nil, err
		}
		if c.Policy, err = ParsePolicy(o.ConfigFile, data); err != nil {
			return nil, err
		}
	case o.Repo.FS != nil:
		name := ConfigFile
		p, err := rules.ParseFS(o.Repo.FS, name)
		if errors.Is(err, fs.ErrNotExist) {
			name = GitleaksConfigFile
			p, err = rules.ParseFS(o.Repo.FS, name)
		}
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return nil, c.sourced(err)
		}
		if chain, err = p.Chain(); err != nil {
			return nil, c.sourced(err)
		}
		if err := o.Limits.withDefaults().check(chain); err != nil {
			return nil, c.sourced(err)
		}
		data, err := readRegular(o.Repo.FS, name)
		if err != nil {
			return nil, c.sourced(err)
		}
		if c.Policy, err = ParsePolicy(name, data); err != nil {
			return nil, c.sourced(err)
		}
	}
	c.Summary.Policy = PolicyChanges(c.Policy)
	if len(chain) > 0 {
		c.Pack = chain[0]
		c.Summary.count(chain, builtin)
		c.Gitleaks = path.Base(filepath.ToSlash(c.Pack.Name)) != ConfigFile
		for _, p := range chain {
			c.Gitleaks = c.Gitleaks && p.GitleaksSchema()
			c.GitleaksDefault = c.GitleaksDefault || p.Extend.UseDefault
		}
		c.GitleaksDefault = c.GitleaksDefault && c.Gitleaks
	}
	if o.Repo.FS != nil {
		for _, name := range []string{IgnoreFile, GitleaksIgnoreFile} {
			data, err := readRegular(o.Repo.FS, name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, c.sourced(err)
			}
			if err := c.Ignore.Read(bytes.NewReader(data), name); err != nil {
				return nil, c.sourced(err)
			}
			c.Summary.IgnoreFiles = append(c.Summary.IgnoreFiles, name)
		}
		c.Summary.IgnoredFingerprints, c.Summary.IgnoredLocations = c.Ignore.Counts()
	}
	return c, nil
}

// readRegular reads a regular file of at most repofile.DefaultMaxSize
// bytes from fsys, whatever fsys itself enforces.
func readRegular(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &repofile.Error{Name: name, Err: err}
	}
	if !fi.Mode().IsRegular() {
		return nil, &repofile.Error{Name: name, Err: repofile.ErrNotRegular}
	}
	data, err := io.ReadAll(io.LimitReader(f, repofile.DefaultMaxSize+1))
	if err != nil {
		return nil, &repofile.Error{Name: name, Err: err}
	}
	if len(data) > repofile.DefaultMaxSize {
		return nil, &repofile.Error{Name: name, Err: repofile.ErrTooLarge}
	}
	return data, nil
}

// sourced says where a refused or malformed file was read.
func (c *Config) sourced(err error) error {
	if c.Summary.Source == "" {
		return err
	}
	return fmt.Errorf("%w (read from the %s)", err, c.Summary.Source)
}

// check applies the limits to a repository's packs before anything is
// compiled.
func (l Limits) check(chain []*rules.Pack) error {
	n, size := 0, 0
	al := func(a rules.Allowlist) {
		for _, s := range [][]string{a.Paths, a.Regexes, a.StopWords, a.Commits} {
			for _, v := range s {
				size += len(v)
			}
		}
	}
	for _, p := range chain {
		n += len(p.Rules)
		for _, r := range p.Rules {
			size += len(r.Regex) + len(r.Path)
			for _, k := range append(append([]string(nil), r.Keywords...), r.RequireKeywords...) {
				size += len(k)
			}
			if r.Nearby != nil {
				size += len(r.Nearby.Regex)
			}
			for _, a := range r.Allowlists {
				al(a)
			}
		}
		for _, a := range p.Allowlists {
			al(a)
		}
		if n > l.MaxRules {
			return &rules.Error{File: p.Name, Err: fmt.Errorf("more than %d rules: a repository's configuration is capped", l.MaxRules)}
		}
		if size > l.MaxPatternBytes {
			return &rules.Error{File: p.Name, Err: fmt.Errorf("patterns over %d bytes in all: a repository's configuration is capped", l.MaxPatternBytes)}
		}
	}
	return nil
}

// count fills the rule and allowlist counts from the packs of a
// configuration, compared with the built-in set.
func (s *Summary) count(chain, builtin []*rules.Pack) {
	ids := map[string]bool{}
	for _, p := range builtin {
		for _, r := range p.Rules {
			ids[r.ID] = true
		}
	}
	known := func(id string) bool { return ids[id] }
	disabled := map[string]bool{}
	for _, p := range chain {
		s.Config = append(s.Config, p.Name)
		for _, id := range p.Extend.DisabledRules {
			if known(id) && !disabled[id] {
				disabled[id] = true
				s.RulesDisabled++
			}
		}
		for _, r := range p.Rules {
			if known(r.ID) {
				s.RulesReplaced++
			} else {
				s.RulesAdded++
			}
			for _, a := range r.Allowlists {
				s.allowlist(a)
			}
		}
		for _, a := range p.Allowlists {
			s.allowlist(a)
		}
	}
}

func (s *Summary) allowlist(a rules.Allowlist) {
	s.Allowlists++
	s.AllowlistPaths += len(a.Paths)
	s.AllowlistRegexes += len(a.Regexes)
	s.AllowlistStopwords += len(a.StopWords)
	s.AllowlistCommits += len(a.Commits)
}

// Changed returns the names whose content differs between base and any
// of heads, in the order of names. A file that one side holds and the
// other does not, or that one side refuses (a symbolic link, a file too
// large), differs too.
func Changed(names []string, base fs.FS, heads ...fs.FS) []string {
	var out []string
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		want, werr := fs.ReadFile(base, name)
		for _, h := range heads {
			got, gerr := fs.ReadFile(h, name)
			if (werr == nil) != (gerr == nil) || !bytes.Equal(want, got) || (werr != nil && werr.Error() != gerr.Error()) {
				out = append(out, name)
				break
			}
		}
	}
	return out
}
