package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/engine"
	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/verify"
)

// endpointOverrides merges KEYHOUND_ENDPOINT_* and --endpoint (which wins).
func endpointOverrides(flags []string) (map[string]string, error) {
	m := verify.EndpointsFromEnv(os.Environ())
	for _, e := range flags {
		name, u, ok := strings.Cut(e, "=")
		if !ok || name == "" || u == "" {
			return nil, fmt.Errorf("--endpoint %q: want EXCHANGE=URL", e)
		}
		m[strings.ToLower(name)] = u
	}
	return m, nil
}

// warnOverrides warns on standard error, in every format and whatever
// --quiet says, when verification endpoints are overridden: credentials
// are sent to hosts that are not the exchanges', and results are only as
// trustworthy as those hosts.
func warnOverrides(stderr io.Writer, overrides map[string]string) {
	if n := report.OverrideNotice(overrides); n != "" {
		fmt.Fprintln(stderr, "keyhound: warning:", n)
	}
}

// newVerifyCmd is `keyhound verify --exchange NAME`: verify one credential
// read from standard input or the environment — never from arguments,
// which leak into shell history and process lists.
func newVerifyCmd(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, code *int) *cobra.Command {
	var exchange, format string
	var endpoints []string
	cmd := &cobra.Command{
		Use:   "verify --exchange NAME",
		Short: "Verify one credential read from standard input or KEYHOUND_KEY/KEYHOUND_SECRET/KEYHOUND_PASSPHRASE/KEYHOUND_PRIVATE_KEY",
		Long: `Verify one credential against the exchange's read-only endpoints.

The credential is read from the environment (KEYHOUND_KEY, KEYHOUND_SECRET,
KEYHOUND_PASSPHRASE, KEYHOUND_PRIVATE_KEY) or, when those are unset, from
standard input as lines key=..., secret=..., passphrase=..., private_key=...
It is never taken from arguments, which leak into shell history and process
lists.

Exit codes: 1 live, 0 dead, 2 indeterminate or error.`,
		Example: `  KEYHOUND_KEY=... KEYHOUND_SECRET=... keyhound verify --exchange binance
  printf 'key=%s\nsecret=%s\npassphrase=%s\n' "$K" "$S" "$P" | keyhound verify --exchange okx -f json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if exchange == "" {
				return fail(errors.New("--exchange is required"))
			}
			if format != "text" && format != "json" {
				return fail(fmt.Errorf("unknown --format %q (text or json)", format))
			}
			cred, err := readCredential(stdin)
			if err != nil {
				return fail(err)
			}
			cred.Exchange = strings.ToLower(exchange)
			eps, err := endpointOverrides(endpoints)
			if err != nil {
				return fail(err)
			}
			e, err := engine.NewVerifier(eps, userAgent())
			if err != nil {
				return fail(err)
			}
			known := e.Names()
			if i := sort.SearchStrings(known, cred.Exchange); i == len(known) || known[i] != cred.Exchange {
				return fail(fmt.Errorf("no verifier for %q (known: %s)", exchange, strings.Join(known, ", ")))
			}
			r := e.Verify(ctx, cred)
			warnOverrides(stderr, e.Overrides())
			if format == "json" {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(r); err != nil {
					return fail(err)
				}
			} else {
				p := r.Permissions
				fmt.Fprintf(stdout, "%s: %s, risk %s\n  %s\n", r.Exchange, strings.ToUpper(string(r.Status)), strings.ToUpper(string(r.Risk)), textsafe.Escape(r.Reason))
				if r.Status == verify.Live {
					fmt.Fprintf(stdout, "  can: read %s, trade %s, withdraw %s, transfer %s; IP allow-list: %s\n", p.Read, p.Trade, p.Withdraw, p.Transfer, r.IPRestricted)
				}
				if r.Overridden {
					fmt.Fprintf(stdout, "  warning: endpoint overridden: %s\n", textsafe.Escape(r.Endpoint))
				}
			}
			switch r.Status {
			case verify.Live:
				*code = exitFindings
			case verify.Dead:
				*code = exitClean
			default:
				*code = exitError
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&exchange, "exchange", "", "the verifier to use (binance, okx, …; keyhound verifiers lists them)")
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	registerEndpoints(cmd, &endpoints)
	return cmd
}

// readCredential takes the credential from the environment, else stdin.
func readCredential(stdin io.Reader) (verify.Credential, error) {
	c := verify.Credential{
		Key:        os.Getenv("KEYHOUND_KEY"),
		Secret:     os.Getenv("KEYHOUND_SECRET"),
		Passphrase: os.Getenv("KEYHOUND_PASSPHRASE"),
		PrivateKey: os.Getenv("KEYHOUND_PRIVATE_KEY"),
	}
	if c.Key == "" {
		sc := bufio.NewScanner(stdin)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		var pem strings.Builder
		inPEM := false
		for sc.Scan() {
			line := sc.Text()
			if inPEM {
				pem.WriteString("\n" + line)
				if strings.HasPrefix(line, "-----END") {
					inPEM = false
				}
				continue
			}
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			v = strings.Trim(strings.TrimSpace(v), `"'`)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "key", "api_key", "apikey":
				c.Key = v
			case "secret", "api_secret", "secret_key":
				c.Secret = v
			case "passphrase", "password", "memo":
				c.Passphrase = v
			case "private_key", "privatekey":
				pem.WriteString(v)
				inPEM = strings.HasPrefix(v, "-----BEGIN") && !strings.Contains(v, "-----END")
			}
		}
		if err := sc.Err(); err != nil {
			return c, err
		}
		if c.PrivateKey == "" {
			c.PrivateKey = pem.String()
		}
	}
	if c.Key == "" || (c.Secret == "" && c.PrivateKey == "") {
		return c, errors.New("no credential: set KEYHOUND_KEY and KEYHOUND_SECRET (or KEYHOUND_PRIVATE_KEY), or pipe key=... and secret=... lines on standard input")
	}
	return c, nil
}

// newVerifiersCmd is `keyhound verifiers`: what each verifier calls and
// reports (the README's table comes from --markdown).
func newVerifiersCmd(stdout io.Writer) *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "verifiers",
		Short: "List the exchange verifiers: official host, the read-only endpoints each may call, what it reports",
		Example: `  keyhound verifiers
  keyhound verifiers --markdown    # the README's table`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			vs := verify.All()
			sort.Slice(vs, func(i, j int) bool { return vs[i].Spec().Name < vs[j].Spec().Name })
			if markdown {
				fmt.Fprintln(stdout, "| Verifier | Official host | Endpoints called (the only ones allowed) | What is verified and reported |")
				fmt.Fprintln(stdout, "|---|---|---|---|")
			}
			for _, v := range vs {
				sp := v.Spec()
				if markdown {
					fmt.Fprintln(stdout, sp.MarkdownRow())
					continue
				}
				var eps []string
				for _, e := range sp.Endpoints {
					eps = append(eps, e.String())
				}
				fmt.Fprintf(stdout, "%s  %s\n  calls: %s\n  %s\n\n", sp.Name, sp.BaseURL, strings.Join(eps, ", "), sp.Notes)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print a Markdown table")
	return cmd
}
