package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/fleet"
	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
)

// newFleetCmd is `keyhound fleet plan|scan|merge`: an organisation's
// repositories scanned as shards by an engine people already run (a
// GitHub Actions matrix, a Kubernetes Indexed Job), then merged.
func newFleetCmd(ctx context.Context, stdout, stderr io.Writer, code *int) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fleet",
		Short: "Scan many repositories as shards: plan, scan a shard, merge the shards",
		Long: `fleet scans a whole organisation's repositories, sharded over an engine you
already run (a GitHub Actions matrix, a Kubernetes Indexed Job):

  keyhound fleet plan --github-org ORG > units.jsonl   (or --repos FILE)
  keyhound fleet scan --units units.jsonl --shard 1/4 --out shard-1
  keyhound fleet merge shard-* --format sarif --report fleet.sarif

merge exits 2 when a shard or a repository did not complete.`,
	}
	cmd.AddCommand(newFleetPlanCmd(ctx, stdout, stderr), newFleetScanCmd(ctx, stdout, stderr, code), newFleetMergeCmd(ctx, stdout, stderr, code))
	return cmd
}

// mergeOnly are the flags of fleet merge that plan and scan would have no
// use for: registered hidden on them, so that naming one is refused with
// where it applies rather than as an unknown flag.
var mergeOnly = []string{"verify", "endpoint", "only-live", "min-risk", "baseline", "format", "report", "no-redact", "color"}

func refuseMergeFlags(c *cobra.Command) {
	f := c.Flags()
	for _, n := range []string{"verify", "only-live", "no-redact"} {
		f.Bool(n, false, "applies to fleet merge")
	}
	for _, n := range []string{"min-risk", "baseline", "report", "color"} {
		f.String(n, "", "applies to fleet merge")
	}
	f.StringP("format", "f", "", "applies to fleet merge")
	f.StringArray("endpoint", nil, "applies to fleet merge")
	for _, n := range mergeOnly {
		_ = f.MarkHidden(n)
	}
}

func newFleetPlanCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var (
		repos, org, apiURL, out  string
		forks, archived, verbose bool
		quiet                    bool
		exclude                  []string
	)
	cmd := &cobra.Command{
		Use:   "plan (--repos FILE | --github-org ORG)",
		Short: "Write the work units (one JSON object a line) to scan",
		Long: `plan lists the repositories to scan, one JSON object a line: from a file of
local paths and clone URLs (https, ssh, file), or from a GitHub organisation
(REST API; the token is read from GITHUB_TOKEN and never printed; forks and
archived repositories are left out unless asked). The plan is the preview:
nothing is cloned.`,
		Example: `  keyhound fleet plan --github-org acme > units.jsonl      # token in GITHUB_TOKEN
  keyhound fleet plan --repos repos.txt --out units.jsonl  # paths and clone URLs`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := unusedFlags(c, "fleet merge", mergeOnly...); err != nil {
				return fail(err)
			}
			if (repos == "") == (org == "") {
				return fail(errors.New("give one of --repos FILE and --github-org ORG"))
			}
			var units []fleet.Unit
			var err error
			if repos != "" {
				if forks || archived || len(exclude) > 0 || apiURL != "" {
					return fail(errors.New("--include-forks, --include-archived, --exclude and --github-api-url apply to --github-org"))
				}
				units, err = fleet.ReadRepoList(repos)
			} else {
				if apiURL != "" {
					fmt.Fprintf(stderr, "keyhound: warning: GitHub API overridden: %s (for tests; the token is sent there)\n", textsafe.Escape(apiURL))
				}
				units, err = fleet.ListGitHubOrg(ctx, fleet.GitHubOptions{Org: org, Token: os.Getenv("GITHUB_TOKEN"), BaseURL: apiURL,
					IncludeForks: forks, IncludeArchived: archived, Exclude: exclude})
			}
			if err != nil {
				return fail(err)
			}
			write := func(w io.Writer) error { return fleet.WriteUnits(w, units) }
			if out == "" {
				err = write(stdout)
			} else {
				err = replaceFile(out, 0o644, write)
			}
			if err != nil {
				return fail(err)
			}
			var kb int64
			for _, u := range units {
				kb += u.SizeKB
				if verbose {
					fmt.Fprintf(stderr, "keyhound: planned %s (%d MB)\n", textsafe.Escape(u.ID), u.SizeKB>>10)
				}
			}
			if !quiet {
				fmt.Fprintf(stderr, "keyhound: %d repositories planned, %d MB as their hosts or disks report them\n", len(units), kb>>10)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&repos, "repos", "", "a file of repositories, one a line: local paths or clone URLs (https, ssh, file)")
	f.StringVar(&org, "github-org", "", "list a GitHub organisation's repositories (token from GITHUB_TOKEN)")
	f.BoolVar(&forks, "include-forks", false, "with --github-org: keep forks")
	f.BoolVar(&archived, "include-archived", false, "with --github-org: keep archived repositories")
	f.StringArrayVar(&exclude, "exclude", nil, "with --github-org: leave out repositories whose name or owner/name matches this glob (repeatable)")
	f.StringVar(&out, "out", "", "write the plan to this file instead of standard output")
	f.StringVar(&apiURL, "github-api-url", "", "GitHub API base URL (tests only; flagged on standard error)")
	_ = f.MarkHidden("github-api-url")
	f.BoolVarP(&quiet, "quiet", "q", false, "do not print the count of repositories planned")
	f.BoolVarP(&verbose, "verbose", "v", false, "also name each repository planned, with its size")
	refuseMergeFlags(cmd)
	return cmd
}

// fleetConfig is the operator's configuration: the default packs,
// --pack, --config (with its [policy]) and --rules. A fleet scan never
// reads the scanned repositories' own configuration: they do not decide
// how they are scanned.
func fleetConfig(p *packFlags) (*engine.Config, error) {
	return engine.OperatorConfig(engine.Options{ConfigFile: p.config, RuleFiles: p.rulesFiles, Packs: p.packs})
}

// registerFleetPacks registers --rules, --pack and --config, whose
// configuration applies to every repository.
func registerFleetPacks(c *cobra.Command, p *packFlags) {
	p.register(c)
	c.Flags().Lookup("config").Usage = "config / rule pack file (with its [policy]) applied to every repository; the repositories' own configuration is never read"
}

func newFleetScanCmd(ctx context.Context, stdout, stderr io.Writer, code *int) *cobra.Command {
	var (
		pf                               packFlags
		lf                               limitFlags
		quiet                            bool
		unitsFile, shardSpec, out, cache string
		keepSecrets                      bool
		timeout                          time.Duration
		maxCloneMB                       int64
	)
	cmd := &cobra.Command{
		Use:   "scan --units FILE --shard I/N --out DIR",
		Short: "Scan the full history of one shard's repositories",
		Long: `scan clones (bare, with go-git) or fetches each repository of shard I of N
into the cache and scans its full history, writing DIR/findings.jsonl and
DIR/manifest.json. A repository that fails is recorded and the shard goes on.
Run again on the same DIR (and --cache), it skips repositories complete at
the same tips and blobs already scanned with the same rules.

Exit codes: 0 no findings, 1 findings, 2 a repository or the shard did not
complete.`,
		Example: `  keyhound fleet scan --units units.jsonl --shard 1/4 --out shard-1 --cache cache
  keyhound fleet scan --units units.jsonl --shard 2/4 --out shard-2 --keep-secrets  # for merge --verify`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if unitsFile == "" || shardSpec == "" || out == "" {
				return fail(errors.New("--units, --shard and --out are required"))
			}
			if err := unusedFlags(c, "fleet merge", mergeOnly...); err != nil {
				return fail(err)
			}
			shard, err := fleet.ParseShard(shardSpec)
			if err != nil {
				return fail(err)
			}
			units, err := fleet.ReadUnits(unitsFile)
			if err != nil {
				return fail(err)
			}
			if lf.maxTargetMB < 0 || timeout < 0 {
				return fail(errors.New("--max-target-megabytes and --clone-timeout cannot be negative"))
			}
			maxTarget, err := lf.maxTargetBytes()
			if err != nil {
				return fail(err)
			}
			cfg, err := fleetConfig(&pf)
			if err != nil {
				return fail(err)
			}
			rh, err := fleet.RulesHash(cfg.Set, toolVersion())
			if err != nil {
				return fail(err)
			}
			s := &fleet.HistoryScanner{Scanner: scan.Scanner{Rules: cfg.Set, Workers: lf.workers, MaxTargetBytes: maxTarget}}
			so := fleet.ScanOptions{Units: units, Shard: shard, Out: out, Cache: cache, Scanner: s, Rules: rh, Version: toolVersion(),
				KeepSecrets: keepSecrets, Token: os.Getenv("GITHUB_TOKEN"), TokenHost: "github.com",
				CloneTimeout: timeout, MaxCloneBytes: maxCloneMB << 20}
			if maxCloneMB == 0 {
				so.MaxCloneBytes = -1
			}
			if !quiet {
				so.Progress = func(done, total int, r fleet.RepoResult) {
					fmt.Fprintf(stderr, "keyhound: [%d/%d] %s: %s, %d finding(s)%s\n", done, total, textsafe.Escape(r.ID), r.Status, r.Findings, problemNote(r))
				}
			}
			m, err := fleet.ScanShard(ctx, so)
			if err != nil {
				return fail(err)
			}
			findings, incomplete := 0, 0
			for _, r := range m.Repositories {
				findings += r.Findings
				if !r.Complete {
					incomplete++
				}
			}
			if !quiet {
				fmt.Fprintf(stdout, "shard %s: %d repositories, %d incomplete, %d finding(s); written to %s\n", m.Shard, len(m.Repositories), incomplete, findings, out)
			}
			switch {
			case !m.Complete:
				*code = exitError
			case findings > 0:
				*code = exitFindings
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&unitsFile, "units", "", "the plan (fleet plan's output)")
	f.StringVar(&shardSpec, "shard", "", "which shard to scan: I/N, 1-based")
	f.StringVar(&out, "out", "", "output directory (findings.jsonl, manifest.json; a previous run there is resumed)")
	f.StringVar(&cache, "cache", "", "directory for the bare clones and the blobs already scanned (default: a temporary one, removed)")
	f.BoolVar(&keepSecrets, "keep-secrets", false, "write the secrets in full into findings.jsonl (needed by merge --verify); protect the output")
	f.DurationVar(&timeout, "clone-timeout", 30*time.Minute, "bound on listing and fetching one repository (its scan gets as long again)")
	f.Int64Var(&maxCloneMB, "max-clone-megabytes", 5<<10, "stop and skip a clone past this size (0: no limit)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors; the exit code and the manifest tell the result")
	registerFleetPacks(cmd, &pf)
	lf.register(cmd)
	refuseMergeFlags(cmd)
	return cmd
}

// unusedFlags refuses the flags names (registered hidden, see
// refuseMergeFlags) that apply elsewhere, naming where.
func unusedFlags(c *cobra.Command, where string, names ...string) error {
	for _, n := range names {
		if f := c.Flags().Lookup(n); f != nil && f.Changed {
			return fmt.Errorf("--%s does not apply to %s (it applies to %s)", n, c.CommandPath(), where)
		}
	}
	return nil
}

func problemNote(r fleet.RepoResult) string {
	if len(r.Problems) == 0 {
		return ""
	}
	return ": " + textsafe.Excerpt(r.Problems[0], 300)
}

// mergeFlags are fleet merge's flags.
type mergeFlags struct {
	packFlags
	outputFlags
	verifyFlags
	verbose   bool
	cachePath string
	ttl       time.Duration
}

func newFleetMergeCmd(ctx context.Context, stdout, stderr io.Writer, code *int) *cobra.Command {
	o := &mergeFlags{}
	cmd := &cobra.Command{
		Use:   "merge DIR...",
		Short: "Join shard outputs into one report: one finding per credential",
		Long: `merge joins the shards' outputs: a credential found in many repositories is
one finding whose locations name each repository. With --verify each distinct
credential is verified once (results kept in --verify-cache for --verify-ttl).
A missing shard, or a shard or repository that did not complete, is named and
makes the exit code 2.`,
		Example: `  keyhound fleet merge shard-* --report fleet.sarif          # SARIF, from the extension
  keyhound fleet merge shard-* -f json --verify --verify-cache verified.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, dirs []string) error {
			format, color, err := o.formatAndColor(stdout)
			if err != nil {
				return fail(err)
			}
			eo := engine.Options{Verify: o.verify, OnlyLive: o.onlyLive, MinRisk: o.minRisk}
			if err := eo.Check(); err != nil {
				return fail(err)
			}
			eps, err := o.endpointOverrides()
			if err != nil {
				return fail(err)
			}
			if o.cachePath != "" && !o.verify {
				return fail(errors.New("--verify-cache needs --verify"))
			}
			cfg, err := fleetConfig(&o.packFlags)
			if err != nil {
				return fail(err)
			}
			mo := fleet.MergeOptions{NoRedact: o.noRedact}
			rep := &report.Report{Tool: "keyhound", Version: toolVersion(), Target: "fleet", Mode: "fleet", Redacted: !o.noRedact}
			if o.verify {
				e, err := engine.NewVerifier(eps, userAgent())
				if err != nil {
					return fail(err)
				}
				mo.Verify = e.Verify
				rep.EndpointOverrides = e.Overrides()
				warnOverrides(stderr, rep.EndpointOverrides)
				if o.cachePath != "" {
					if mo.Cache, err = fleet.OpenVerifyCache(o.cachePath, o.ttl); err != nil {
						return fail(err)
					}
				}
			}
			var base map[string]bool
			if o.baseline != "" {
				if base, err = engine.ReadBaseline(o.baseline); err != nil {
					return fail(err)
				}
			}
			start := time.Now()
			m, err := fleet.Merge(ctx, dirs, mo)
			if err != nil {
				return fail(err)
			}
			if mo.Cache != nil {
				if err := mo.Cache.Save(); err != nil {
					return fail(fmt.Errorf("--verify-cache: %w", err))
				}
			}
			now := time.Now()
			for _, f := range m.Findings {
				if f.Verification != nil {
					f.Judge(cfg.Policy, now) // the policy of --config, as a scan's
				}
				if !base[f.Fingerprint] && eo.Keep(f.Verification) {
					rep.Findings = append(rep.Findings, f)
				}
			}
			rep.Errors = m.Incomplete
			rep.Stats = &report.Stats{DurationMS: time.Since(start).Milliseconds()}
			if format == report.FormatJSONL {
				err = writeJSONL(&o.outputFlags, rep, stdout)
			} else {
				err = writeReport(&o.outputFlags, format, color, rep, report.RuleInfos(cfg.Set), stdout)
			}
			if err != nil {
				return fail(err)
			}
			if o.verbose || o.verify {
				fmt.Fprintf(stderr, "keyhound: merged %d shard(s), %d repositories, %d credential(s); verified %d, %d from the cache\n", m.Shards, m.Repositories, len(m.Findings), m.Verified, m.Cached)
			}
			if len(m.Incomplete) > 0 {
				for i, s := range m.Incomplete {
					if i == 20 {
						fmt.Fprintf(stderr, "keyhound:   … and %d more\n", len(m.Incomplete)-i)
						break
					}
					fmt.Fprintln(stderr, "keyhound: incomplete:", textsafe.Escape(s))
				}
				*code = exitError
			} else if len(rep.Findings) > 0 {
				*code = exitFindings
			}
			return nil
		},
	}
	registerFleetPacks(cmd, &o.packFlags)
	o.outputFlags.register(cmd)
	o.verifyFlags.register(cmd)
	f := cmd.Flags()
	f.BoolVarP(&o.verbose, "verbose", "v", false, "say how many shards, repositories and credentials were merged and verified")
	f.StringVar(&o.cachePath, "verify-cache", "", "with --verify: a file of verification results shared by runs (by credential hash, never the secret)")
	f.DurationVar(&o.ttl, "verify-ttl", 24*time.Hour, "how long a cached verification result holds")
	return cmd
}

// writeJSONL writes one finding a line (the merged report's findings, as
// --format jsonl does everywhere), then one line per incomplete shard or
// repository as {"error": ...}: a merged report's consumer must learn
// that it is incomplete.
func writeJSONL(o *outputFlags, rep *report.Report, stdout io.Writer) error {
	return emitReport(o, report.FormatJSONL, rep, stdout, func(w io.Writer, _ bool) error {
		if err := report.WriteJSONL(w, rep); err != nil {
			return err
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, e := range rep.Errors {
			if err := enc.Encode(map[string]string{"error": e}); err != nil {
				return err
			}
		}
		return nil
	})
}
