package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/audit"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
)

// newAuditCmd is `keyhound audit [PATH...]`: verify one's own keys and
// apply the policy. Flags → audit.Options → audit.Run → write → exit code.
func newAuditCmd(ctx context.Context, o *options, stdin io.Reader, stdout, stderr io.Writer, code *int) *cobra.Command {
	var fromEnv bool
	cmd := &cobra.Command{
		Use:   "audit [PATH... | -] [--env]",
		Short: "Audit your own keys: verify each credential in key stores, standard input or the environment, and apply the policy",
		Long: `Audit your own exchange keys against the policy of .keyhound.toml ([policy]).

Credentials are read from each PATH (a file or directory: .env files, YAML,
JSON or TOML inventories, anything keyhound scans), from standard input
(- or no PATH), and with --env from this process's environment. Only values
the rules recognise as exchange credentials are read; the environment is
never written out. Each credential is verified read-only, like --verify
(rate limits, --endpoint overrides), and judged by the policy: one row per
key with its venue, redacted key, status, read/trade/withdraw/transfer,
IP allow-list, age and violations, then where to revoke it.

Exit codes: 0 no rule at level fail is broken, 1 one is, 2 error (a source
could not be read, bad flags or configuration).`,
		RunE: func(c *cobra.Command, args []string) error {
			if o.format != "text" && o.format != "json" && o.format != "sarif" {
				return &exitCodeError{code: exitError, err: fmt.Errorf("unknown --format %q (text, json or sarif)", o.format)}
			}
			if o.onlyLive || o.minRisk != "" || o.baseline != "" {
				return &exitCodeError{code: exitError, err: errors.New("--only-live, --min-risk and --baseline do not apply to audit: every key is listed")}
			}
			o.verify = true
			if err := checkVerifyFlags(o); err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			sources, err := auditSources(args, fromEnv, stdin)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			cfg, err := loadConfig(o, "scan", ".")
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			cfg.warn(o, stderr)
			if o.maxTargetMB < 0 {
				return &exitCodeError{code: exitError, err: fmt.Errorf("--max-target-megabytes %d: want 0 (no limit) or more", o.maxTargetMB)}
			}
			maxTarget := int64(o.maxTargetMB) << 20
			if o.maxTargetMB == 0 {
				maxTarget = -1
			}
			engine, err := newEngine(o)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			rep, err := audit.Run(ctx, sources, audit.Options{
				Scanner:  &scan.Scanner{Rules: cfg.set, Workers: o.workers, Ignore: cfg.ignore, MaxTargetBytes: maxTarget},
				Engine:   engine,
				Policy:   cfg.policy,
				NoRedact: o.noRedact,
			})
			if rep == nil {
				return &exitCodeError{code: exitError, err: err}
			}
			if err != nil {
				rep.Errors = append(rep.Errors, err.Error())
			}
			rep.Version = toolVersion()
			rep.Stats = &report.Stats{Config: &cfg.summary}
			warnOverrides(stderr, rep.EndpointOverrides)
			if err := writeReport(o, rep, report.RuleInfos(cfg.set), stdout); err != nil { // text: the audit table
				return &exitCodeError{code: exitError, err: err}
			}
			switch {
			case len(rep.Errors) > 0:
				if o.format != "text" || o.reportPath != "" {
					for _, e := range rep.Errors {
						fmt.Fprintln(stderr, "keyhound:", errText(errors.New(e)))
					}
				}
				*code = exitError
			case audit.Failed(rep):
				*code = exitFindings
			default:
				*code = exitClean
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&fromEnv, "env", false, "also read credentials from the environment (only values the rules recognise; nothing of it is printed)")
	return cmd
}

// auditSources turns the arguments into sources: "-" is standard input,
// and so is no argument at all without --env (unless standard input is
// a terminal, which would wait for typing).
func auditSources(args []string, fromEnv bool, stdin io.Reader) ([]audit.Source, error) {
	var out []audit.Source
	for _, a := range args {
		if a == "-" {
			out = append(out, audit.Stream("stdin", stdin))
			continue
		}
		out = append(out, audit.Path(a))
	}
	if fromEnv {
		out = append(out, audit.Environ(os.Environ()))
	}
	if len(out) == 0 {
		if f, ok := stdin.(*os.File); ok && isTerminal(f) {
			return nil, errors.New("nothing to audit: name key files or directories, pipe them on standard input, or use --env")
		}
		out = append(out, audit.Stream("stdin", stdin))
	}
	return out, nil
}
