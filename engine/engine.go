// Package engine is keyhound's library entry point: options in, report
// out. It does the whole work of a scan — the rule packs and the
// repository's own configuration and ignore files (read from a source the
// scan trusts), the repository root, the staged index, the scan itself,
// verification, the risk filters and the baseline — so that the CLI,
// importers and a multi-repository runner behave alike.
//
// Like every keyhound package it never prints and never exits: what a
// command-line tool would say on standard error is in Result.Notes, and
// the exit code a scan deserves is Result.ExitCode.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/keyhound/keyhound/policy"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// Mode is what a scan reads.
type Mode string

// The modes of a scan.
const (
	// Dir scans a working tree or directory (the default).
	Dir Mode = "scan"
	// History scans every commit of every ref of a repository, or a
	// range of it (Options.Range).
	History Mode = "history"
	// Staged scans what the next commit would add: the index against
	// HEAD.
	Staged Mode = "staged"
	// Stream scans Options.Input.
	Stream Mode = "stdin"
)

// Exit codes a scan's result maps to (see Result.ExitCode).
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitError    = 2
)

// Options say what to scan and how. The zero value (with Target set)
// scans a directory with the embedded packs and the directory's own
// configuration; Options{Mode: History, Target: repo} scans a
// repository's full history, bare or not.
type Options struct {
	Mode Mode
	// Target is the directory or repository ("" is the current
	// directory). Relative paths are taken from the process's working
	// directory.
	Target string
	// Input and InputName are the content and its name in reports
	// (default "stdin") for Mode Stream.
	Input     io.Reader
	InputName string

	// Range limits a History scan to BASE..HEAD (the commits in HEAD and
	// not in BASE, and the blobs they added) or to what one revision
	// reaches. Its configuration is read from BASE, never from the
	// commits being scanned; a range with no base reads none.
	Range string
	// ConfigFrom names the commit whose configuration and ignore files a
	// History scan reads (default: the work tree; with Range, its base).
	ConfigFrom string
	// ConfigFile is a configuration the user chose (--config): read from
	// the host and trusted; the repository's own configuration file is
	// then not read, its ignore files still are.
	ConfigFile string
	// RuleFiles are rule packs added after everything else (--rules).
	RuleFiles []string
	// Packs names optional built-in packs ("gitleaks").
	Packs []string
	// IndexFile is the index a Staged scan reads instead of the
	// repository's own (GIT_INDEX_FILE, which git sets for hooks of
	// commit -a and commit PATHS); a relative path is taken from the top
	// of the work tree, as git does.
	IndexFile string

	// Paths limit a Dir scan to these files and directories under Target
	// (keyhound scan PATH..., what pre-commit passes a hook): locations,
	// ignore entries and configuration stay Target's. A file named is
	// read even when .gitignore excludes it. See scan.DirOptions.Paths.
	Paths []string
	// NoGitignore makes a Dir scan read what .gitignore excludes too.
	NoGitignore bool
	// Workers is how many goroutines match (0: GOMAXPROCS).
	Workers int
	// MaxTargetBytes bounds one file, blob or stream (0: the default
	// limit; negative: none).
	MaxTargetBytes int64
	// Progress, when set, is called from time to time during the scan.
	Progress func(scan.Progress)

	// NoRedact puts secrets in the report in full.
	NoRedact bool
	// Baseline names a previous JSON report: findings it holds are left
	// out.
	Baseline string

	// Verify checks each credential against its exchange's read-only
	// endpoints. Endpoints overrides base URLs (exchange -> URL; tests,
	// regional hosts), and the report says so. UserAgent defaults to
	// keyhound's.
	Verify    bool
	Endpoints map[string]string
	UserAgent string
	// OnlyLive and MinRisk (a verify.Risk name) filter verified findings;
	// both need Verify.
	OnlyLive bool
	MinRisk  string
	// Policy judges each verified credential (report.Finding.Policy and,
	// for a live key, Remediation); nil means the configuration's
	// [policy] table, or the default policy when it has none.
	Policy *policy.Config

	// Version is the tool version the report names (default: Version()).
	Version string
}

// Result is a finished (or partial) scan.
type Result struct {
	// Report is the report, ready for any of report's writers.
	Report *report.Report
	// Rules describe the active rules (SARIF's rule metadata).
	Rules []report.RuleInfo
	// Config is the configuration the scan ran with.
	Config *Config
	// Stats are the scan's counters.
	Stats scan.Stats
	// Err is the scan's error, if any: a *scan.Errors when some objects
	// or files could not be read (the findings are still valid), a
	// *scan.InterruptedError when ctx ended first (the findings made until
	// then, unverified and unfiltered), or another error that ended the
	// scan. Report.Errors lists the same problems.
	Err error
	// Notes are warnings a command-line tool says on standard error:
	// where the configuration came from when that matters, endpoint
	// overrides. Config.Info holds what is said without a warning.
	Notes []string
}

// Interrupted returns the interruption that ended the scan, or nil.
func (r *Result) Interrupted() *scan.InterruptedError {
	var ie *scan.InterruptedError
	if errors.As(r.Err, &ie) {
		return ie
	}
	return nil
}

// ExitCode is 2 when the scan failed, was interrupted or could not read
// everything, else 1 when the report holds findings, else 0.
func (r *Result) ExitCode() int {
	switch {
	case r.Err != nil:
		return ExitError
	case len(r.Report.Findings) > 0:
		return ExitFindings
	}
	return ExitClean
}

// Run scans as o says. An error means nothing was scanned: bad options, a
// bad rule pack or configuration (named with file and line), a path that
// is not a repository. Problems met during the scan are in Result.Err,
// with the report of what was found.
func Run(ctx context.Context, o Options) (*Result, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	cfg, err := Configure(o)
	if err != nil {
		return nil, err
	}
	var base map[string]bool
	if o.Baseline != "" {
		if base, err = ReadBaseline(o.Baseline); err != nil {
			return nil, err
		}
	}
	run, err := o.source()
	if err != nil {
		return nil, err
	}
	s := &scan.Scanner{Rules: cfg.Set, Workers: o.Workers, Ignore: cfg.Ignore, MaxTargetBytes: o.MaxTargetBytes, Progress: o.Progress}
	var found []scan.Finding
	collect := func(f scan.Finding) {
		if !base[f.Fingerprint] {
			found = append(found, f)
		}
	}
	start := time.Now()
	st, serr := run(ctx, s, collect)
	res := &Result{Config: cfg, Stats: st, Err: serr, Rules: report.RuleInfos(cfg.Set), Notes: append([]string(nil), cfg.Notes...)}
	rep := &report.Report{Tool: "keyhound", Version: o.Version, Target: o.Target, Mode: string(o.Mode), Redacted: !o.NoRedact}
	res.Report = rep
	intr := res.Interrupted()
	rep.Interrupted = intr != nil
	// Interrupted: the findings made so far are reported, unverified (no
	// requests after the caller asked to stop) and unfiltered.
	results := make([]*verify.Result, len(found))
	if intr == nil && o.Verify {
		var overrides map[string]string
		results, overrides, err = verifyFindings(ctx, o, found)
		if err != nil {
			return nil, err
		}
		rep.EndpointOverrides = overrides
		if n := report.OverrideNotice(overrides); n != "" {
			res.Notes = append(res.Notes, n)
		}
	}
	pol := cfg.Policy
	if o.Policy != nil {
		pol = *o.Policy
	}
	now := time.Now()
	for i, f := range found {
		rf := report.FromFinding(f, o.NoRedact)
		rf.Verification = results[i]
		if results[i] != nil {
			rf.Judge(pol, now)
		}
		if intr != nil || o.Keep(results[i]) {
			rep.Findings = append(rep.Findings, rf)
		}
	}
	rep.Stats = &report.Stats{Files: st.Files, Bytes: st.Bytes, SkippedBinary: st.SkippedBinary, Commits: st.Commits,
		DurationMS: time.Since(start).Milliseconds(), SkippedGitignored: st.SkippedGitignored, SkippedLarge: st.SkippedLarge, Config: &cfg.Summary}
	var partial *scan.Errors
	switch {
	case intr != nil:
		note := intr.Summary()
		if o.Verify {
			note += "; verification skipped"
		}
		rep.Errors = append(rep.Errors, note)
		if intr.Problems != nil {
			partial = intr.Problems
		}
	case errors.As(serr, &partial):
	case serr != nil:
		rep.Errors = append(rep.Errors, serr.Error())
	}
	if partial != nil {
		for _, p := range partial.Problems {
			rep.Errors = append(rep.Errors, p.Error())
		}
	}
	return res, nil
}

func (o Options) withDefaults() Options {
	if o.Mode == "" {
		o.Mode = Dir
	}
	if o.Target == "" {
		o.Target = "."
	}
	if o.InputName == "" {
		o.InputName = "stdin"
	}
	if o.Version == "" {
		o.Version = Version()
	}
	return o
}

func (o Options) check() error {
	switch o.Mode {
	case Dir, History, Staged, Stream:
	default:
		return fmt.Errorf("unknown mode %q (scan, history, staged, stdin)", o.Mode)
	}
	if o.Mode == Stream && o.Input == nil {
		return errors.New("a stream scan needs Options.Input")
	}
	if o.Mode != History && (o.Range != "" || o.ConfigFrom != "") {
		return errors.New("--range and --config-from apply to history scans only")
	}
	if o.Mode != Dir && len(o.Paths) > 0 {
		return errors.New("paths to scan apply to directory scans only")
	}
	return checkVerify(o)
}

// Check reports what is wrong with o before anything is read: an unknown
// mode, options that do not go together, a bad MinRisk.
func (o Options) Check() error { return o.withDefaults().check() }

// scanFunc runs one kind of scan.
type scanFunc func(context.Context, *scan.Scanner, func(scan.Finding)) (scan.Stats, error)

// source opens what o.Mode reads; errors here mean nothing can be
// scanned (not a repository, a bad range).
func (o Options) source() (scanFunc, error) {
	switch o.Mode {
	case Stream:
		return func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error) {
			return s.Reader(ctx, o.Input, o.InputName, fn)
		}, nil
	case History:
		if o.Range == "" {
			return func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error) {
				return s.History(ctx, o.Target, fn)
			}, nil
		}
		inc, exc, err := scan.ParseRange(o.Range)
		if err != nil {
			return nil, err
		}
		repo, err := scan.OpenRepository(o.Target)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error) {
			return s.HistoryRange(ctx, repo, inc, exc, fn)
		}, nil
	case Staged:
		repo, err := scan.OpenRepository(o.Target)
		if err != nil {
			return nil, err
		}
		index := o.IndexFile
		if index != "" && !filepath.IsAbs(index) {
			if top := scan.WorkTreeTop(o.Target); top != "" {
				index = filepath.Join(top, index)
			}
		}
		return func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error) {
			return s.StagedIndex(ctx, repo, index, fn)
		}, nil
	}
	return func(ctx context.Context, s *scan.Scanner, fn func(scan.Finding)) (scan.Stats, error) {
		return s.Dir(ctx, o.Target, scan.DirOptions{NoGitignore: o.NoGitignore, Paths: o.Paths}, fn)
	}, nil
}
