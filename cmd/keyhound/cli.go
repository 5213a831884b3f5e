package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/hook"
	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// options are the flags shared by the scanning commands.
type options struct {
	rulesFiles  []string
	packs       []string
	config      string
	format      string
	reportPath  string
	noRedact    bool
	quiet       bool
	verbose     bool
	noGitignore bool
	history     bool
	workers     int
	maxTargetMB int
	cpuProfile  string
	paths       []string // scan PATH...: what to scan under the target (paths.go)
	rangeSpec   string
	configFrom  string
	verify      bool
	endpoints   []string
	onlyLive    bool
	minRisk     string
	baseline    string
}

// exitError carries an exit code out of a command.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string { return e.err.Error() }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C (or SIGTERM) ends the scan and writes a partial
	// report; a second one then quits at once, as usual.
	go func() { <-ctx.Done(); stop() }()
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
	o := &options{}
	root := &cobra.Command{
		Use:   "keyhound",
		Short: "Find leaked cryptocurrency-exchange API credentials",
		Long: `keyhound finds exchange API credentials (key + secret + passphrase, as one
credential) in git history, working trees and staged changes.

Exit codes: 0 no findings, 1 findings, 2 error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitCodeError{code: exitError, err: fmt.Errorf("%w (see %s --help)", err, c.CommandPath())}
	})
	pf := root.PersistentFlags()
	pf.StringArrayVar(&o.rulesFiles, "rules", nil, "add a rule pack file (repeatable)")
	pf.StringArrayVar(&o.packs, "pack", nil, `add a built-in pack: "gitleaks" (gitleaks' default rules; repeatable)`)
	pf.StringVar(&o.config, "config", "", "config / rule pack file (default: .keyhound.toml in the scanned root, if present)")
	pf.StringVarP(&o.format, "format", "f", "text", "output format: text, json or sarif (SARIF 2.1.0, for GitHub code scanning)")
	pf.StringVar(&o.reportPath, "report", "", "write the report to this file (mode 0600) instead of standard output")
	pf.BoolVar(&o.noRedact, "no-redact", false, "show secrets in full (reports and terminal)")
	pf.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing but errors; the exit code tells the result")
	pf.BoolVarP(&o.verbose, "verbose", "v", false, "print scan statistics and every problem")
	pf.IntVar(&o.workers, "workers", 0, "matching goroutines (default: number of CPUs)")
	pf.IntVar(&o.maxTargetMB, "max-target-megabytes", scan.DefaultMaxTargetBytes>>20, "scan at most this much of one file, blob or stream; a larger one is reported as an error (0: no limit)")
	pf.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) of the scan to this file")
	_ = pf.MarkHidden("cpuprofile")
	pf.StringVar(&o.baseline, "baseline", "", "a previous JSON report: findings already in it are not reported")
	pf.BoolVar(&o.verify, "verify", false, "check each credential against the exchange's read-only endpoints and report what it can do")
	pf.StringArrayVar(&o.endpoints, "endpoint", nil, "override a verification base URL: EXCHANGE=URL (repeatable; also KEYHOUND_ENDPOINT_<EXCHANGE>); flagged in the output")
	pf.BoolVar(&o.onlyLive, "only-live", false, "with --verify: report only credentials verified live")
	pf.StringVar(&o.minRisk, "min-risk", "", "with --verify: report only credentials at this risk or worse (critical, high, medium, low, unknown)")

	scanCmd := &cobra.Command{
		Use:   "scan [PATH... | -]",
		Short: "Scan a working tree, directory or files (or standard input with -)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			target, err := scanPaths(o, args) // paths.go
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			mode := "scan"
			switch {
			case target == "-":
				mode = "stdin"
			case o.history:
				mode = "history"
			}
			return execScan(ctx, o, mode, target, stdin, stdout, stderr, code)
		},
	}
	scanCmd.Flags().BoolVar(&o.noGitignore, "no-gitignore", false, "also scan the files .gitignore excludes (tracked and secret-bearing ones are always scanned)")
	scanCmd.Flags().BoolVar(&o.history, "history", false, "scan the full git history (same as keyhound history)")

	historyCmd := &cobra.Command{
		Use:   "history [REPO]",
		Short: "Scan every commit of every ref of a git repository",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			target := "."
			if len(args) == 1 {
				target = args[0]
			}
			return execScan(ctx, o, "history", target, stdin, stdout, stderr, code)
		},
	}
	historyCmd.Flags().StringVar(&o.rangeSpec, "range", "", "scan only BASE..HEAD (commits in HEAD and not in BASE, and the blobs they added) or everything reachable from one revision")
	historyCmd.Flags().StringVar(&o.configFrom, "config-from", "", "read the repository's .keyhound.toml and ignore files from this commit (default: the work tree; with --range BASE..HEAD, BASE; with --range REV, none)")
	stagedCmd := &cobra.Command{
		Use:   "staged [REPO]",
		Short: "Scan what the next commit would add (the staged index)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			target := "."
			if len(args) == 1 {
				target = args[0]
			}
			return execScan(ctx, o, "staged", target, stdin, stdout, stderr, code)
		},
	}
	rulesCmd := &cobra.Command{
		Use:   "rules",
		Short: "List the active rules and the exchanges they cover",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			cfg, err := loadConfig(o, "scan", ".")
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			set := cfg.set
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
			fmt.Fprintf(stdout, "\n%d rules, %d credential specs, exchanges: %s\n", set.Len(), len(set.Credentials()), textsafe.Escape(strings.Join(set.Exchanges(), ", ")))
			return nil
		},
	}
	versionCmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(c *cobra.Command, args []string) {
			fmt.Fprintln(stdout, "keyhound", toolVersion())
		},
	}
	root.AddCommand(scanCmd, historyCmd, stagedCmd, rulesCmd, versionCmd, newVerifyCmd(ctx, o, stdin, stdout, stderr, code), newIgnoreCmd(stdout), newVerifiersCmd(stdout))
	root.AddCommand(newHookCmd(stdout, stderr))
	root.AddCommand(newAuditCmd(ctx, o, stdin, stdout, stderr, code))
	root.AddCommand(newFleetCmd(ctx, o, stdout, stderr, code))
	return root
}

func execScan(ctx context.Context, o *options, mode, target string, stdin io.Reader, stdout, stderr io.Writer, code *int) error {
	if o.format != "text" && o.format != "json" && o.format != "sarif" {
		return &exitCodeError{code: exitError, err: fmt.Errorf("unknown --format %q (text, json or sarif)", o.format)}
	}
	if err := checkVerifyFlags(o); err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	cfg, err := loadConfig(o, mode, target)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	set := cfg.set
	if o.maxTargetMB < 0 {
		return &exitCodeError{code: exitError, err: fmt.Errorf("--max-target-megabytes %d: want 0 (no limit) or more", o.maxTargetMB)}
	}
	maxTarget := int64(o.maxTargetMB) << 20
	if o.maxTargetMB == 0 {
		maxTarget = -1
	}
	s := &scan.Scanner{Rules: set, Workers: o.workers, Ignore: cfg.ignore, MaxTargetBytes: maxTarget}
	cfg.warn(o, stderr)
	if o.cpuProfile != "" {
		pf, err := os.Create(o.cpuProfile)
		if err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
		defer pprof.StopCPUProfile()
	}
	var base map[string]bool
	if o.baseline != "" {
		if base, err = loadBaseline(o.baseline); err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
	}
	if o.progress(stderr) {
		s.Progress = progressPrinter(stderr)
	}
	rep := &report.Report{Tool: "keyhound", Version: toolVersion(), Target: target, Mode: mode, Redacted: !o.noRedact}
	var found []scan.Finding
	collect := func(f scan.Finding) {
		if !base[f.Fingerprint] {
			found = append(found, f)
		}
	}
	start := time.Now()
	var st scan.Stats
	endWatch := watchInterrupt(ctx, stderr)
	switch mode {
	case "stdin":
		st, err = s.Reader(ctx, stdin, "stdin", collect)
	case "history":
		if o.rangeSpec == "" {
			st, err = s.History(ctx, target, collect)
			break
		}
		inc, exc, perr := scan.ParseRange(o.rangeSpec)
		if perr != nil {
			return &exitCodeError{code: exitError, err: perr}
		}
		repo, oerr := scan.OpenRepository(target)
		if oerr != nil {
			return &exitCodeError{code: exitError, err: oerr}
		}
		st, err = s.HistoryRange(ctx, repo, inc, exc, collect)
	case "staged":
		repo, oerr := scan.OpenRepository(target)
		if oerr != nil {
			return &exitCodeError{code: exitError, err: oerr}
		}
		// git commit -a / git commit PATHS run hooks with a temporary index.
		indexFile := os.Getenv("GIT_INDEX_FILE")
		if indexFile != "" && !filepath.IsAbs(indexFile) {
			if top := scan.WorkTreeTop(target); top != "" {
				indexFile = filepath.Join(top, indexFile)
			}
		}
		st, err = s.StagedIndex(ctx, repo, indexFile, collect)
	default:
		st, err = s.Dir(ctx, target, scan.DirOptions{NoGitignore: o.noGitignore, Paths: o.paths}, collect)
	}
	endWatch()
	// Interrupted (Ctrl-C, SIGTERM): the findings made so far are
	// reported, unverified (no requests after the user asked to stop)
	// and unfiltered, and the run exits 2.
	var intr *scan.InterruptedError
	interrupted := errors.As(err, &intr)
	rep.Interrupted = interrupted
	results := make([]*verify.Result, len(found))
	if !interrupted {
		var overrides map[string]string
		var verr error
		results, overrides, verr = verifyFindings(ctx, o, found)
		if verr != nil {
			return &exitCodeError{code: exitError, err: verr}
		}
		rep.EndpointOverrides = overrides
		warnOverrides(stderr, overrides)
	}
	for i, f := range found {
		rf := report.FromFinding(f, o.noRedact)
		rf.Verification = results[i]
		if results[i] != nil {
			rf.Judge(cfg.policy, time.Now())
		}
		if interrupted || keep(o, results[i]) {
			rep.Findings = append(rep.Findings, rf)
		}
	}
	if s.Progress != nil {
		fmt.Fprint(stderr, "\r\x1b[K")
	}
	rep.Stats = &report.Stats{Files: st.Files, Bytes: st.Bytes, SkippedBinary: st.SkippedBinary, Commits: st.Commits, DurationMS: time.Since(start).Milliseconds(), Config: &cfg.summary}
	rep.Stats.SkippedGitignored = st.SkippedGitignored
	rep.Stats.SkippedLarge = st.SkippedLarge
	var partial *scan.Errors
	fatal := err != nil && !errors.As(err, &partial) && !interrupted
	if interrupted {
		note := intr.Summary()
		if o.verify {
			note += "; verification skipped"
		}
		rep.Errors = append(rep.Errors, note)
	}
	if partial != nil {
		for _, p := range partial.Problems {
			rep.Errors = append(rep.Errors, p.Error())
		}
	} else if fatal {
		rep.Errors = append(rep.Errors, err.Error())
	}
	if fatal && len(rep.Findings) == 0 && o.reportPath == "" && o.format == "text" {
		return &exitCodeError{code: exitError, err: err}
	}
	if err := writeReport(o, rep, report.RuleInfos(set), stdout); err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	if o.verbose {
		fmt.Fprintln(stderr, cfg.verboseLine())
		fmt.Fprintf(stderr, "scanned %d files/blobs, %d bytes, %d commits, %d binary skipped, %d over the size limit, in %s\n",
			st.Files, st.Bytes, st.Commits, st.SkippedBinary, st.SkippedLarge, time.Since(start).Round(time.Millisecond))
		printGitignored(stderr, st)
	}
	if mode == "staged" && len(rep.Findings) > 0 && !o.quiet && o.format == "text" && os.Getenv(hook.EnvHook) == "" {
		fmt.Fprintln(stderr)
		fmt.Fprint(stderr, hook.Advice)
	}
	switch {
	case interrupted:
		fmt.Fprintf(stderr, "keyhound: %s; the report holds the %d finding(s) made before\n", intr.Summary(), len(rep.Findings))
		*code = exitError
	case err != nil:
		if o.format != "text" || o.reportPath != "" {
			fmt.Fprintln(stderr, "keyhound:", errText(err))
		}
		*code = exitError
	case len(rep.Findings) > 0:
		*code = exitFindings
	default:
		*code = exitClean
	}
	return nil
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

func writeReport(o *options, rep *report.Report, infos []report.RuleInfo, stdout io.Writer) error {
	write := func(w io.Writer, color bool) error {
		switch o.format {
		case "json":
			return report.WriteJSON(w, rep)
		case "sarif":
			return report.WriteSARIF(w, rep, infos)
		default:
			return report.WriteText(w, rep, report.TextOptions{Color: color})
		}
	}
	if o.reportPath == "" {
		if o.quiet {
			return nil
		}
		return write(stdout, isTerminal(stdout))
	}
	if err := replaceFile(o.reportPath, 0o600, func(w io.Writer) error { return write(w, false) }); err != nil {
		return fmt.Errorf("--report %w", err)
	}
	if !o.quiet {
		fmt.Fprintf(stdout, "%d finding(s); report written to %s\n", len(rep.Findings), o.reportPath)
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
