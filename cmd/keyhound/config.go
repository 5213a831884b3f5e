package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/repoconfig"
	"github.com/keyhound/keyhound/repofile"
	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/scan"
)

// scanConfig is what a scan runs with: the compiled rules, the ignore
// entries, and what the repository's own files contributed.
type scanConfig struct {
	set     *rules.Set
	ignore  *scan.Ignore
	summary repoconfig.Summary
	// policy judges verified credentials (the configuration's [policy]).
	policy policy.Config
	// notes are said on standard error (unless --quiet): where the
	// configuration came from when that matters, what a range changes.
	notes []string
}

// loadConfig builds the rule set — the embedded default packs, any
// --pack, the configuration (--config, else the repository's
// .keyhound.toml), every --rules file, in that order — and the ignore
// entries, reading the repository's own files from the source that is
// trusted for this mode:
//
//   - scan, staged, stdin and a full history: the work tree at the
//     repository's root (the directory itself when it is not in one);
//   - history --range BASE..HEAD: the tree of BASE, the side the range
//     is compared with; the commits being scanned never decide how they
//     are scanned, and a range that changes those files is reported;
//   - history --range REV, which has no base: nothing, unless
//     --config-from names a commit;
//   - --config-from REV (history only): the tree of REV.
func loadConfig(o *options, mode, target string) (*scanConfig, error) {
	trusted, err := builtinPacks(o)
	if err != nil {
		return nil, err
	}
	sc := &scanConfig{}
	src, rng, err := sc.source(o, mode, target)
	if err != nil {
		return nil, err
	}
	cfg, err := repoconfig.Load(trusted, repoconfig.Options{Repo: src, ConfigFile: o.config})
	if err != nil {
		return nil, err
	}
	sc.summary = cfg.Summary
	sc.policy = cfg.Policy
	if rng != nil {
		names := repoconfig.Files()
		if o.config == "" {
			names = append(names, cfg.Summary.Config...)
		}
		sc.summary.ChangedInRange = rng.changed(src.FS, names)
		if ch := sc.summary.ChangedInRange; len(ch) > 0 {
			sc.notes = append(sc.notes, fmt.Sprintf("the scanned range changes %s; the scan used the version in the %s, not the range's", strings.Join(ch, ", "), src.Name))
		}
	}
	packs := trusted
	if cfg.Pack != nil {
		packs = append(packs, cfg.Pack)
	}
	for _, f := range o.rulesFiles {
		p, err := rules.ParseFile(f)
		if err != nil {
			return nil, err
		}
		packs = append(packs, p)
	}
	if sc.set, err = rules.Compile(packs...); err != nil {
		return nil, err
	}
	sc.ignore = cfg.Ignore
	return sc, nil
}

// builtinPacks are the embedded default packs and any --pack.
func builtinPacks(o *options) ([]*rules.Pack, error) {
	packs, err := rules.Default()
	if err != nil {
		return nil, fmt.Errorf("default packs: %w", err)
	}
	for _, name := range o.packs {
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
// loadConfig); for a range with a trusted side it also returns the
// range's heads, to compare with it.
func (sc *scanConfig) source(o *options, mode, target string) (repoconfig.Source, *rangeHeads, error) {
	if mode != "history" && o.configFrom != "" {
		return repoconfig.Source{}, nil, fmt.Errorf("--config-from applies to history scans only")
	}
	if mode == "history" && (o.rangeSpec != "" || o.configFrom != "") {
		return sc.treeSource(o, target)
	}
	dir := target
	if mode == "stdin" {
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

// treeSource reads the repository's files from a commit: --config-from,
// else the base of --range.
func (sc *scanConfig) treeSource(o *options, target string) (repoconfig.Source, *rangeHeads, error) {
	repo, err := scan.OpenRepository(target)
	if err != nil {
		return repoconfig.Source{}, nil, err
	}
	var include, exclude []string
	if o.rangeSpec != "" {
		if include, exclude, err = scan.ParseRange(o.rangeSpec); err != nil {
			return repoconfig.Source{}, nil, err
		}
	}
	heads := &rangeHeads{repo: repo, revs: include}
	rev, why := o.configFrom, "--config-from"
	if rev == "" && len(exclude) > 0 {
		rev, why = exclude[0], "the range's base"
	}
	if rev == "" {
		// A range with no base: every commit in it is being scanned, so
		// none of them is trusted to configure the scan.
		if names := heads.present(repoconfig.Files()); len(names) > 0 {
			sc.notes = append(sc.notes, fmt.Sprintf("the repository's %s not applied: --range %s has no base, and the commits being scanned do not configure their own scan (name a trusted commit with --config-from, or a file with --config)", strings.Join(names, ", ")+plural(len(names), " was", " were"), o.rangeSpec))
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

// warn says the notes on standard error.
func (sc *scanConfig) warn(o *options, stderr io.Writer) {
	if o.quiet {
		return
	}
	for _, n := range sc.notes {
		fmt.Fprintln(stderr, "keyhound: warning:", textsafe.Escape(n))
	}
}

// verboseLine summarises the configuration for --verbose.
func (sc *scanConfig) verboseLine() string {
	s := sc.summary
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
	return textsafe.Escape(b.String())
}
