package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/repoconfig"
	"github.com/keyhound/keyhound/repofile"
	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

// Config is what a scan runs with: the compiled rules, the ignore
// entries, and what the repository's own files contributed.
type Config struct {
	// Set is the compiled rule set.
	Set *rules.Set
	// Ignore holds the ignore files' entries.
	Ignore *scan.Ignore
	// Policy judges verified credentials: the configuration's [policy]
	// table (read from the configuration file itself, not the packs it
	// extends), else the default policy.
	Policy policy.Config
	// Summary says where the configuration came from and what it adds,
	// replaces, disables and allows (the JSON report's stats.config).
	Summary repoconfig.Summary
	// Packs name the active rule packs, in the order they apply:
	// "keyhound" (the embedded exchange packs), "gitleaks" (gitleaks'
	// default rules), then configuration and rule files.
	Packs []string
	// Notes are warnings for standard error: where the configuration
	// came from when that matters, what a range changes.
	Notes []string
	// Info is said on standard error too, not as a warning: which packs a
	// gitleaks configuration brings.
	Info []string
}

// Configure builds the rule set — the embedded default packs, any
// Options.Packs, gitleaks' default rules when a configuration in
// gitleaks' schema extends the default, the configuration
// (Options.ConfigFile, else the repository's .keyhound.toml, else its
// .gitleaks.toml), every Options.RuleFiles file, in that order — and the
// ignore entries, reading the repository's own files from the source that
// is trusted for the mode:
//
//   - Dir, Staged, Stream and a full History: the work tree at the
//     repository's root (the directory itself when it is not in one);
//   - History with Range BASE..HEAD: the tree of BASE, the side the range
//     is compared with; the commits being scanned never decide how they
//     are scanned, and a range that changes those files is noted;
//   - History with a Range that has no base: nothing, unless ConfigFrom
//     names a commit;
//   - ConfigFrom (History only): the tree of that commit.
func Configure(o Options) (*Config, error) {
	return configure(o, true)
}

// OperatorConfig is the configuration the operator chose and nothing
// else: the embedded packs, Options.Packs, Options.ConfigFile (with its
// [policy]) and Options.RuleFiles. No repository's configuration or
// ignore files are read: what a multi-repository runner (keyhound fleet)
// scans never decides how it is scanned.
func OperatorConfig(o Options) (*Config, error) {
	return configure(o, false)
}

func configure(o Options, repoFiles bool) (*Config, error) {
	o = o.withDefaults()
	trusted, err := builtinPacks(o.Packs)
	if err != nil {
		return nil, err
	}
	c := &Config{Packs: append([]string{"keyhound"}, o.Packs...)}
	var src repoconfig.Source
	var rng *rangeHeads
	if repoFiles {
		if src, rng, err = c.source(o); err != nil {
			return nil, err
		}
	}
	cfg, err := repoconfig.Load(trusted, repoconfig.Options{Repo: src, ConfigFile: o.ConfigFile})
	if err != nil {
		return nil, err
	}
	c.Summary = cfg.Summary
	c.Policy = cfg.Policy
	if rng != nil {
		names := repoconfig.Files()
		if o.ConfigFile == "" {
			names = append(names, cfg.Summary.Config...)
		}
		c.Summary.ChangedInRange = rng.changed(src.FS, names)
		if ch := c.Summary.ChangedInRange; len(ch) > 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("the scanned range changes %s; the scan used the version in the %s, not the range's", strings.Join(ch, ", "), src.Name))
		}
	}
	packs := trusted
	if cfg.GitleaksDefault && !slices.Contains(o.Packs, rules.GitleaksName) {
		g, err := rules.Gitleaks()
		if err != nil {
			return nil, err
		}
		packs = append(packs, g)
		c.Packs = append(c.Packs, rules.GitleaksName)
	}
	if cfg.Pack != nil {
		packs = append(packs, cfg.Pack)
		c.Packs = append(c.Packs, cfg.Pack.Name)
	}
	for _, f := range o.RuleFiles {
		p, err := rules.ParseFile(f)
		if err != nil {
			return nil, err
		}
		packs = append(packs, p)
		c.Packs = append(c.Packs, f)
	}
	if c.Set, err = rules.Compile(packs...); err != nil {
		return nil, err
	}
	if cfg.Gitleaks {
		c.Info = append(c.Info, c.gitleaksNote(cfg))
	}
	c.Ignore = cfg.Ignore
	return c, nil
}

// gitleaksNote says what a configuration in gitleaks' schema brought:
// gitleaks users expect their rules, keyhound adds its exchange packs.
func (c *Config) gitleaksNote(cfg *repoconfig.Config) string {
	name := cfg.Summary.Config[0]
	if cfg.GitleaksDefault {
		return fmt.Sprintf("%s is a gitleaks configuration extending the default: active packs %s (keyhound's exchange packs, gitleaks' default rules, then its own); %d rules in all", name, strings.Join(c.Packs, ", "), c.Set.Len())
	}
	return fmt.Sprintf("%s is a gitleaks configuration: active packs %s (keyhound's exchange packs, then its own; it does not extend gitleaks' default, so gitleaks' default rules are off); %d rules in all", name, strings.Join(c.Packs, ", "), c.Set.Len())
}

// builtinPacks are the embedded default packs and the optional built-in
// packs named.
func builtinPacks(names []string) ([]*rules.Pack, error) {
	packs, err := rules.Default()
	if err != nil {
		return nil, fmt.Errorf("default packs: %w", err)
	}
	for _, name := range names {
		switch name {
		case rules.GitleaksName:
			p, err := rules.Gitleaks()
			if err != nil {
				return nil, err
			}
			packs = append(packs, p)
		default:
			return nil, fmt.Errorf("unknown pack %q (known: %s)", name, rules.GitleaksName)
		}
	}
	return packs, nil
}

// source picks where the repository's own files are read (see
// Configure); for a range with a trusted side it also returns the
// range's heads, to compare with it.
func (c *Config) source(o Options) (repoconfig.Source, *rangeHeads, error) {
	if o.Mode == History && (o.Range != "" || o.ConfigFrom != "") {
		return c.treeSource(o)
	}
	dir := o.Target
	if o.Mode == Stream {
		dir = "."
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	if top := scan.WorkTreeTop(dir); top != "" {
		dir = top
	}
	return repoconfig.Source{FS: repofile.FS(dir, 0), Name: "work tree"}, nil, nil
}

// treeSource reads the repository's files from a commit: ConfigFrom,
// else the base of Range.
func (c *Config) treeSource(o Options) (repoconfig.Source, *rangeHeads, error) {
	repo, err := scan.OpenRepository(o.Target)
	if err != nil {
		return repoconfig.Source{}, nil, err
	}
	var include, exclude []string
	if o.Range != "" {
		if include, exclude, err = scan.ParseRange(o.Range); err != nil {
			return repoconfig.Source{}, nil, err
		}
	}
	heads := &rangeHeads{repo: repo, revs: include}
	rev, why := o.ConfigFrom, "--config-from"
	if rev == "" && len(exclude) > 0 {
		rev, why = exclude[0], "the range's base"
	}
	if rev == "" {
		// A range with no base: every commit in it is being scanned, so
		// none of them is trusted to configure the scan.
		if names := heads.present(repoconfig.Files()); len(names) > 0 {
			c.Notes = append(c.Notes, fmt.Sprintf("the repository's %s not applied: --range %s has no base, and the commits being scanned do not configure their own scan (name a trusted commit with --config-from, or a file with --config)", strings.Join(names, ", ")+plural(len(names), " was", " were"), o.Range))
		}
		return repoconfig.Source{}, nil, nil
	}
	h, err := resolveCommit(repo, rev)
	if err != nil {
		return repoconfig.Source{}, nil, fmt.Errorf("%s %q: %w", why, rev, err)
	}
	fsys, err := scan.TreeFS(repo, h, 0)
	if err != nil {
		return repoconfig.Source{}, nil, fmt.Errorf("%s %q: %w", why, rev, err)
	}
	return repoconfig.Source{FS: fsys, Name: fmt.Sprintf("commit %s (%s)", h.String()[:12], why)}, heads, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// rangeHeads are the include revisions of a range: the commits whose
// configuration files are compared with the trusted side's.
type rangeHeads struct {
	repo *git.Repository
	revs []string
}

func (r *rangeHeads) trees() []fs.FS {
	var out []fs.FS
	for _, rev := range r.revs {
		h, err := resolveCommit(r.repo, rev)
		if err != nil {
			continue // the scan itself reports a bad revision
		}
		if fsys, err := scan.TreeFS(r.repo, h, 0); err == nil {
			out = append(out, fsys)
		}
	}
	return out
}

// changed names the files whose content at a head differs from base.
func (r *rangeHeads) changed(base fs.FS, names []string) []string {
	return repoconfig.Changed(names, base, r.trees()...)
}

// present names the files any head holds.
func (r *rangeHeads) present(names []string) []string {
	var out []string
	for _, name := range names {
		for _, t := range r.trees() {
			if _, err := fs.Stat(t, name); err == nil {
				out = append(out, name)
				break
			}
		}
	}
	return out
}

func resolveCommit(repo *git.Repository, rev string) (plumbing.Hash, error) {
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return *h, nil
}

// VerboseLine summarises the configuration in one line (--verbose).
func (c *Config) VerboseLine() string {
	s := c.Summary
	var b strings.Builder
	b.WriteString("configuration: ")
	if len(s.Config) == 0 {
		b.WriteString("built-in rules only")
	} else {
		fmt.Fprintf(&b, "%s: %d rules added, %d replaced, %d disabled; %d allowlists (%d paths, %d regexes, %d stopwords, %d commits)",
			strings.Join(s.Config, " <- "), s.RulesAdded, s.RulesReplaced, s.RulesDisabled, s.Allowlists, s.AllowlistPaths, s.AllowlistRegexes, s.AllowlistStopwords, s.AllowlistCommits)
	}
	if len(s.IgnoreFiles) > 0 {
		fmt.Fprintf(&b, "; ignore files %s: %d fingerprints, %d locations", strings.Join(s.IgnoreFiles, ", "), s.IgnoredFingerprints, s.IgnoredLocations)
	}
	if s.Source != "" {
		fmt.Fprintf(&b, "; read from the %s", s.Source)
	}
	fmt.Fprintf(&b, "; packs: %s", strings.Join(c.Packs, ", "))
	return b.String()
}
