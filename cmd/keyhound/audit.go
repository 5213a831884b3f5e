package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/audit"
	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
)

// auditFlags are keyhound audit's flags: the rules, the report, the
// scan's bounds and endpoint overrides (verification is always on; every
// key is listed, so there is no --only-live, --min-risk or --baseline).
type auditFlags struct {
	packFlags
	outputFlags
	limitFlags
	endpoints []string
	fromEnv   bool
}

// newAuditCmd is `keyhound audit [PATH...]`: verify one's own keys and
// apply the policy. Flags → audit.Options → audit.Run → write → exit code.
func newAuditCmd(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, code *int) *cobra.Command {
	o := &auditFlags{}
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
		Example: `  keyhound audit deploy/.env secrets/       # key stores
  keyhound audit --env -f json              # this process's environment
  keyhound audit - < inventory.yaml        # standard input`,
		RunE: func(c *cobra.Command, args []string) error {
			format, color, err := o.formatAndColor(stdout)
			if err != nil {
				return fail(err)
			}
			maxTarget, err := o.maxTargetBytes()
			if err != nil {
				return fail(err)
			}
			eps, err := endpointOverrides(o.endpoints)
			if err != nil {
				return fail(err)
			}
			sources, err := auditSources(args, o.fromEnv, stdin)
			if err != nil {
				return fail(err)
			}
			cfg, err := engine.Configure(engine.Options{Mode: engine.Dir, Target: ".", ConfigFile: o.config, RuleFiles: o.rulesFiles, Packs: o.packs})
			if err != nil {
				return fail(err)
			}
			if !o.quiet {
				sayNotes(stderr, cfg.Info, cfg.Notes)
			}
			e, err := engine.NewVerifier(eps, userAgent())
			if err != nil {
				return fail(err)
			}
			rep, err := audit.Run(ctx, sources, audit.Options{
				Scanner:  &scan.Scanner{Rules: cfg.Set, Workers: o.workers, Ignore: cfg.Ignore, MaxTargetBytes: maxTarget},
				Engine:   e,
				Policy:   cfg.Policy,
				NoRedact: o.noRedact,
			})
			if rep == nil {
				return fail(err)
			}
			if err != nil {
				rep.Errors = append(rep.Errors, err.Error())
			}
			rep.Version = toolVersion()
			rep.Stats = &report.Stats{Config: &cfg.Summary}
			warnOverrides(stderr, rep.EndpointOverrides)
			if err := writeReport(&o.outputFlags, format, color, rep, report.RuleInfos(cfg.Set), stdout); err != nil { // text: the audit table
				return fail(err)
			}
			switch {
			case len(rep.Errors) > 0:
				if format != report.FormatText || o.reportPath != "" {
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
	o.packFlags.register(cmd)
	o.outputFlags.register(cmd)
	o.limitFlags.register(cmd)
	registerEndpoints(cmd, &o.endpoints)
	cmd.Flags().BoolVar(&o.fromEnv, "env", false, "also read credentials from the environment (only values the rules recognise; nothing of it is printed)")
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
