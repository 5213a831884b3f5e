package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/hook"
	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
)

// Exit codes.
const (
	exitClean    = engine.ExitClean
	exitFindings = engine.ExitFindings
	exitError    = engine.ExitError
)

// version is set at build time with -ldflags "-X main.version=..." (the
// release build does); source builds take it from the build information.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	return engine.Version()
}

// exitCodeError carries an exit code out of a command.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string { return e.err.Error() }

func fail(err error) error { return &exitCodeError{code: exitError, err: err} }

// runMain runs keyhound as a process: the first Ctrl-C (or SIGTERM) ends
// the scan and writes a partial report; a second one then quits at once,
// as usual.
func runMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); stop() }()
	return run(ctx, args, stdin, stdout, stderr)
}

// run runs one keyhound command line and returns its exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code := exitClean
	root := newRoot(ctx, stdin, stdout, stderr, &code)
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		var ee *exitCodeError
		if errors.As(err, &ee) {
			if ee.err != nil {
				fmt.Fprintln(stderr, "keyhound:", errText(ee.err))
			}
			return ee.code
		}
		fmt.Fprintln(stderr, "keyhound:", errText(err))
		return exitError
	}
	return code
}

func newRoot(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, code *int) *cobra.Command {
	root := &cobra.Command{
		Use:   "keyhound",
		Short: "Find leaked cryptocurrency-exchange API credentials",
		Long: `keyhound finds exchange API credentials (key + secret + passphrase, as one
credential) in git history, working trees and staged changes.

Exit codes: 0 no findings, 1 findings, 2 error.`,
		Example: `  keyhound scan .                       # a working tree
  keyhound history --report out.sarif   # every commit, SARIF for code scanning
  keyhound staged                       # what the next commit adds`,
		Version:       toolVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("keyhound {{.Version}}\n")
	// --version without cobra's -v shorthand: -v is --verbose on the scans.
	root.Flags().Bool("version", false, "print the version")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fail(fmt.Errorf("%w (see %s --help)", err, c.CommandPath()))
	})
	scanRun := func(mode engine.Mode, f *scanFlags) func(*cobra.Command, []string) error {
		return func(c *cobra.Command, args []string) error {
			target := "."
			if len(args) == 1 {
				target = args[0]
			}
			m := mode
			switch {
			case mode == engine.Dir && target == "-":
				m = engine.Stream
			case mode == engine.Dir && f.history:
				m = engine.History
			}
			return execScan(ctx, f, m, target, stdin, stdout, stderr, code)
		}
	}

	sf := &scanFlags{}
	scanCmd := &cobra.Command{
		Use:   "scan [PATH... | -]",
		Short: "Scan a working tree, directory or files (or standard input with -)",
		Example: `  keyhound scan                          # the current directory
  keyhound scan ./service --report out.json
  keyhound scan svc/a.env svc/b.env      # only these files, as their repository's
  cat app.log | keyhound scan - -f jsonl
  keyhound scan --verify --only-live .   # only credentials that work`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			target, paths, err := scanPaths(sf.history, args) // paths.go
			if err != nil {
				return fail(err)
			}
			sf.paths = paths
			return scanRun(engine.Dir, sf)(c, []string{target})
		},
	}
	sf.register(scanCmd)
	scanCmd.Flags().BoolVar(&sf.noGitignore, "no-gitignore", false, "also scan the files .gitignore excludes (tracked and secret-bearing ones are always scanned)")
	scanCmd.Flags().BoolVar(&sf.history, "history", false, "scan the full git history (same as keyhound history)")

	hf := &scanFlags{}
	historyCmd := &cobra.Command{
		Use:   "history [REPO]",
		Short: "Scan every commit of every ref of a git repository",
		Example: `  keyhound history                                   # every commit of every ref
  keyhound history --range origin/main..HEAD         # a pull request's commits
  keyhound history --report keyhound.sarif           # SARIF, from the extension
  keyhound history --baseline old.json -f json       # only new findings`,
		Args: cobra.MaximumNArgs(1),
		RunE: scanRun(engine.History, hf),
	}
	hf.register(historyCmd)
	historyCmd.Flags().StringVar(&hf.rangeSpec, "range", "", "scan only BASE..HEAD (commits in HEAD and not in BASE, and the blobs they added) or everything reachable from one revision")
	historyCmd.Flags().StringVar(&hf.configFrom, "config-from", "", "read the repository's configuration and ignore files from this commit (default: the work tree; with --range BASE..HEAD, BASE; with --range REV, none)")

	stf := &scanFlags{}
	stagedCmd := &cobra.Command{
		Use:   "staged [REPO]",
		Short: "Scan what the next commit would add (the staged index)",
		Example: `  keyhound staged             # in a pre-commit hook
  keyhound hook install       # or let keyhound install that hook`,
		Args: cobra.MaximumNArgs(1),
		RunE: scanRun(engine.Staged, stf),
	}
	stf.register(stagedCmd)

	root.AddCommand(scanCmd, historyCmd, stagedCmd, newRulesCmd(stdout), newVersionCmd(stdout),
		newVerifyCmd(ctx, stdin, stdout, stderr, code), newIgnoreCmd(stdout), newVerifiersCmd(stdout))
	root.AddCommand(newHookCmd(stdout, stderr))
	root.AddCommand(newAuditCmd(ctx, stdin, stdout, stderr, code)) // audit.go
	root.AddCommand(newFleetCmd(ctx, stdout, stderr, code))        // fleet.go
	return root
}

// packFlags choose the rules: shared by the scans and `rules`.
type packFlags struct {
	rulesFiles []string
	packs      []string
	config     string
}

func (p *packFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.StringArrayVar(&p.rulesFiles, "rules", nil, "add a rule pack file (repeatable)")
	f.StringArrayVar(&p.packs, "pack", nil, `add a built-in pack: "gitleaks" (gitleaks' default rules; repeatable)`)
	f.StringVar(&p.config, "config", "", "config / rule pack file (default: .keyhound.toml in the scanned root, else .gitleaks.toml, if present)")
}

// outputFlags say how a report is written: shared by the scans, audit
// and fleet merge.
type outputFlags struct {
	format     string
	reportPath string
	color      string
	noRedact   bool
	quiet      bool
}

func (o *outputFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.StringVarP(&o.format, "format", "f", "", "output format: text, json, jsonl (a finding a line) or sarif (SARIF 2.1.0, for GitHub code scanning); default: from the --report extension (.json, .jsonl, .sarif), else text")
	f.StringVar(&o.reportPath, "report", "", "write the report to this file (mode 0600) instead of standard output")
	f.StringVar(&o.color, "color", "auto", "colour the text report: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always or never")
	f.BoolVar(&o.noRedact, "no-redact", false, "show secrets in full (reports and terminal)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing but errors; the exit code tells the result")
}

// verifyFlags choose verification: the scans' and fleet merge's.
type verifyFlags struct {
	verify    bool
	endpoints []string
	onlyLive  bool
	minRisk   string
	baseline  string
}

func (o *verifyFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&o.baseline, "baseline", "", "a previous JSON report: findings already in it are not reported")
	f.BoolVar(&o.verify, "verify", false, "check each credential against the exchange's read-only endpoints and report what it can do")
	registerEndpoints(c, &o.endpoints)
	f.BoolVar(&o.onlyLive, "only-live", false, "with --verify: report only credentials verified live")
	f.StringVar(&o.minRisk, "min-risk", "", "with --verify: report only credentials at this risk or worse (critical, high, medium, low, unknown)")
}

// endpointOverrides is --endpoint and KEYHOUND_ENDPOINT_*, which
// apply with --verify only.
func (o *verifyFlags) endpointOverrides() (map[string]string, error) {
	if len(o.endpoints) > 0 && !o.verify {
		return nil, errors.New("--endpoint needs --verify")
	}
	eps, err := endpointOverrides(o.endpoints)
	if err != nil || !o.verify {
		return nil, err
	}
	return eps, nil
}

func registerEndpoints(c *cobra.Command, endpoints *[]string) {
	c.Flags().StringArrayVar(endpoints, "endpoint", nil, "override a verification base URL: EXCHANGE=URL (repeatable; also KEYHOUND_ENDPOINT_<EXCHANGE>); flagged in the output")
}

// limitFlags bound a scan: --workers and --max-target-megabytes.
type limitFlags struct {
	workers     int
	maxTargetMB int
}

func (o *limitFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.IntVar(&o.workers, "workers", 0, "matching goroutines (default: number of CPUs)")
	f.IntVar(&o.maxTargetMB, "max-target-megabytes", scan.DefaultMaxTargetBytes>>20, "scan at most this much of one file, blob or stream; a larger one is reported as an error (0: no limit)")
}

// maxTargetBytes is --max-target-megabytes for scan.Scanner (-1: none).
func (o *limitFlags) maxTargetBytes() (int64, error) {
	if o.maxTargetMB < 0 {
		return 0, fmt.Errorf("--max-target-megabytes %d: want 0 (no limit) or more", o.maxTargetMB)
	}
	if o.maxTargetMB == 0 {
		return -1, nil
	}
	return int64(o.maxTargetMB) << 20, nil
}

// scanFlags are the flags of scan, history and staged.
type scanFlags struct {
	packFlags
	outputFlags
	verifyFlags
	limitFlags
	verbose     bool
	noGitignore bool
	history     bool
	cpuProfile  string
	rangeSpec   string
	configFrom  string
	paths       []string // keyhound scan PATH...: what to scan under the target (paths.go)
}

func (o *scanFlags) register(c *cobra.Command) {
	o.packFlags.register(c)
	o.outputFlags.register(c)
	o.verifyFlags.register(c)
	o.limitFlags.register(c)
	f := c.Flags()
	f.BoolVarP(&o.verbose, "verbose", "v", false, "print scan statistics and every problem")
	f.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) of the scan to this file")
	_ = f.MarkHidden("cpuprofile")
}

// options turn the flags into the engine's options.
func (o *scanFlags) options(mode engine.Mode, target string, stdin io.Reader) (engine.Options, error) {
	maxTarget, err := o.maxTargetBytes()
	if err != nil {
		return engine.Options{}, err
	}
	eps, err := o.endpointOverrides()
	if err != nil {
		return engine.Options{}, err
	}
	return engine.Options{
		Mode: mode, Target: target, Input: stdin, InputName: "stdin",
		Range: o.rangeSpec, ConfigFrom: o.configFrom, ConfigFile: o.config, RuleFiles: o.rulesFiles, Packs: o.packs,
		// git commit -a / git commit PATHS run hooks with a temporary index.
		IndexFile: os.Getenv("GIT_INDEX_FILE"),
		Paths:     o.paths, NoGitignore: o.noGitignore, Workers: o.workers, MaxTargetBytes: maxTarget,
		NoRedact: o.noRedact, Baseline: o.baseline,
		Verify: o.verify, Endpoints: eps, OnlyLive: o.onlyLive, MinRisk: o.minRisk,
		UserAgent: userAgent(), Version: toolVersion(),
	}, nil
}

func userAgent() string {
	return engine.UserAgent(toolVersion())
}

// outputFormat is --format, else what --report's extension says, else
// text.
func (o *outputFlags) outputFormat() (string, error) {
	if o.format == "" {
		if f, ok := report.FormatForPath(o.reportPath); ok && o.reportPath != "" {
			return f, nil
		}
		return report.FormatText, nil
	}
	for _, f := range report.Formats() {
		if o.format == f {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown --format %q (%s)", o.format, strings.Join(report.Formats(), ", "))
}

// formatAndColor is the report's format (see outputFormat) and whether
// --color colours it on stdout.
func (o *outputFlags) formatAndColor(stdout io.Writer) (format string, color bool, err error) {
	if format, err = o.outputFormat(); err != nil {
		return "", false, err
	}
	color, err = useColor(o.color, stdout)
	return format, color, err
}

func execScan(ctx context.Context, o *scanFlags, mode engine.Mode, target string, stdin io.Reader, stdout, stderr io.Writer, code *int) error {
	if mode != engine.History && o.configFrom != "" {
		return fail(errors.New("--config-from applies to history scans only"))
	}
	format, color, err := o.formatAndColor(stdout)
	if err != nil {
		return fail(err)
	}
	opts, err := o.options(mode, target, stdin)
	if err != nil {
		return fail(err)
	}
	if o.cpuProfile != "" {
		pf, err := os.Create(o.cpuProfile)
		if err != nil {
			return fail(err)
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	var bar *progress
	if !o.quiet && showProgress(stderr) {
		bar = newProgress(stderr)
		opts.Progress = bar.update
	}
	endWatch := watchInterrupt(ctx, stderr)
	res, err := engine.Run(ctx, opts)
	endWatch()
	bar.clear()
	if err != nil {
		return fail(err)
	}
	if !o.quiet {
		sayNotes(stderr, res.Config.Info, res.Notes)
	} else {
		// Credentials went to hosts that are not the exchanges': said
		// whatever --quiet says.
		warnOverrides(stderr, res.Report.EndpointOverrides)
	}
	rep := res.Report
	intr := res.Interrupted()
	var partial *scan.Errors
	fatal := res.Err != nil && intr == nil && !errors.As(res.Err, &partial)
	if fatal && len(rep.Findings) == 0 && o.reportPath == "" && format == report.FormatText {
		return fail(res.Err)
	}
	if err := writeReport(&o.outputFlags, format, color, rep, res.Rules, stdout); err != nil {
		return fail(err)
	}
	st := res.Stats
	if o.verbose {
		fmt.Fprintln(stderr, textsafe.Escape(res.Config.VerboseLine()))
		fmt.Fprintf(stderr, "scanned %d files/blobs, %d bytes, %d commits, %d binary skipped, %d over the size limit, in %dms\n",
			st.Files, st.Bytes, st.Commits, st.SkippedBinary, st.SkippedLarge, rep.Stats.DurationMS)
		printGitignored(stderr, st)
	}
	if mode == engine.Staged && len(rep.Findings) > 0 && !o.quiet && format == report.FormatText && os.Getenv(hook.EnvHook) == "" {
		fmt.Fprintln(stderr)
		fmt.Fprint(stderr, hook.Advice)
	}
	switch {
	case intr != nil:
		fmt.Fprintf(stderr, "keyhound: %s; the report holds the %d finding(s) made before\n", intr.Summary(), len(rep.Findings))
	case res.Err != nil:
		if format != report.FormatText || o.reportPath != "" {
			fmt.Fprintln(stderr, "keyhound:", errText(res.Err))
		}
	}
	*code = res.ExitCode()
	return nil
}

// sayNotes says on w what the configuration and the scan note: info as
// is, warnings as warnings, each escaped (configuration names and pack
// names may come from the scanned repository).
func sayNotes(w io.Writer, info, warnings []string) {
	for _, n := range info {
		fmt.Fprintln(w, "keyhound:", textsafe.Escape(n))
	}
	for _, n := range warnings {
		fmt.Fprintln(w, "keyhound: warning:", textsafe.Escape(n))
	}
}

// watchInterrupt says at once on w when ctx ends during the scan (Ctrl-C,
// SIGTERM): the scan winds down and the report still comes. The returned
// function ends the watch; nothing is written after it returns.
func watchInterrupt(ctx context.Context, w io.Writer) (end func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		select {
		case <-ctx.Done():
			fmt.Fprintf(w, "\nkeyhound: %v: stopping; the report will hold what was found so far (again to quit at once)\n", context.Cause(ctx))
		case <-done:
		}
	}()
	return func() { close(done); <-exited }
}

// printGitignored names what a directory scan skipped because of
// .gitignore: the first few paths, then how many more.
func printGitignored(w io.Writer, st scan.Stats) {
	if st.SkippedGitignored == 0 {
		return
	}
	fmt.Fprintf(w, "skipped %d path(s) that .gitignore excludes (tracked and secret-bearing files were scanned; --no-gitignore scans all):\n", st.SkippedGitignored)
	for _, p := range st.Gitignored {
		fmt.Fprintf(w, "  %q\n", p)
	}
	if more := st.SkippedGitignored - int64(len(st.Gitignored)); more > 0 {
		fmt.Fprintf(w, "  … and %d more\n", more)
	}
}

// writeReport writes rep in format where the output flags say (see
// emitReport); color applies on standard output only.
func writeReport(o *outputFlags, format string, color bool, rep *report.Report, infos []report.RuleInfo, stdout io.Writer) error {
	return emitReport(o, format, rep, stdout, func(w io.Writer, toFile bool) error {
		return report.Write(w, format, rep, infos, report.TextOptions{Color: color && !toFile})
	})
}

// emitReport runs write on standard output (nothing with --quiet), or on
// the --report file (mode 0600, through replaceFile) and then says on
// standard output how many findings it holds.
func emitReport(o *outputFlags, format string, rep *report.Report, stdout io.Writer, write func(w io.Writer, toFile bool) error) error {
	if o.reportPath == "" {
		if o.quiet {
			return nil
		}
		return write(stdout, false)
	}
	if err := replaceFile(o.reportPath, 0o600, func(w io.Writer) error { return write(w, true) }); err != nil {
		return fmt.Errorf("--report %w", err)
	}
	if !o.quiet {
		fmt.Fprintf(stdout, "%d finding(s); report written to %s (%s)\n", len(rep.Findings), o.reportPath, format)
	}
	return nil
}

// newRulesCmd is `keyhound rules`: the active rules.
func newRulesCmd(stdout io.Writer) *cobra.Command {
	pf := &packFlags{}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the active rules and the exchanges they cover",
		Example: `  keyhound rules                    # the embedded packs and ./.keyhound.toml
  keyhound rules --pack gitleaks    # with gitleaks' default rules`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			cfg, err := engine.Configure(engine.Options{ConfigFile: pf.config, RuleFiles: pf.rulesFiles, Packs: pf.packs})
			if err != nil {
				return fail(err)
			}
			set := cfg.Set
			rs := set.Rules()
			sort.SliceStable(rs, func(i, j int) bool { return rs[i].Exchange < rs[j].Exchange })
			for _, r := range rs {
				ex := r.Exchange
				if ex == "" {
					ex = "-"
				}
				part := string(r.Part)
				if part == "" {
					part = "-"
				}
				esc := textsafe.Escape // ids and descriptions may come from the repository's config
				fmt.Fprintf(stdout, "%-12s %-12s %-40s %s\n", esc(ex), esc(part), esc(r.ID), esc(r.Description))
			}
			fmt.Fprintf(stdout, "\n%d rules, %d credential specs, exchanges: %s\npacks: %s\n", set.Len(), len(set.Credentials()),
				textsafe.Escape(strings.Join(set.Exchanges(), ", ")), textsafe.Escape(strings.Join(cfg.Packs, ", ")))
			return nil
		},
	}
	pf.register(cmd)
	return cmd
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version (also keyhound --version)",
		Args:  cobra.NoArgs,
		Run: func(c *cobra.Command, args []string) {
			fmt.Fprintln(stdout, "keyhound", toolVersion())
		},
	}
}
