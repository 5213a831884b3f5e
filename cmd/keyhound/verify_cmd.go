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
	"sync"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/report"
	"github.com/keyhound/keyhound/scan"
	"github.com/keyhound/keyhound/verify"
)

// checkVerifyFlags rejects inconsistent verification flags early.
func checkVerifyFlags(o *options) error {
	if (o.onlyLive || o.minRisk != "") && !o.verify {
		return errors.New("--only-live and --min-risk need --verify")
	}
	if o.minRisk != "" {
		if _, ok := verify.ParseRisk(o.minRisk); !ok {
			return fmt.Errorf("unknown --min-risk %q (critical, high, medium, low, unknown, none)", o.minRisk)
		}
	}
	if len(o.endpoints) > 0 && !o.verify {
		return errors.New("--endpoint needs --verify")
	}
	_, err := endpointOverrides(o)
	return err
}

// endpointOverrides merges KEYHOUND_ENDPOINT_* and --endpoint (which wins).
func endpointOverrides(o *options) (map[string]string, error) {
	m := verify.EndpointsFromEnv(os.Environ())
	for _, e := range o.endpoints {
		name, u, ok := strings.Cut(e, "=")
		if !ok || name == "" || u == "" {
			return nil, fmt.Errorf("--endpoint %q: want EXCHANGE=URL", e)
		}
		m[strings.ToLower(name)] = u
	}
	return m, nil
}

func newEngine(o *options) (*verify.Engine, error) {
	eps, err := endpointOverrides(o)
	if err != nil {
		return nil, err
	}
	return verify.NewEngine(verify.All(), verify.Options{Endpoints: eps, UserAgent: "keyhound/" + toolVersion() + " (secret scanner; read-only verification)"})
}

// verifyConcurrency bounds findings verified at once; each exchange's
// own rate limit and concurrency cap apply beneath it.
const verifyConcurrency = 8

// verifyFindings verifies each finding that holds a usable credential.
// results[i] is nil for findings not verified (no --verify, no verifier,
// or parts missing).
func verifyFindings(ctx context.Context, o *options, found []scan.Finding) ([]*verify.Result, map[string]string, error) {
	results := make([]*verify.Result, len(found))
	if !o.verify {
		return results, nil, nil
	}
	e, err := newEngine(o)
	if err != nil {
		return nil, nil, err
	}
	sem := make(chan struct{}, verifyConcurrency)
	var wg sync.WaitGroup
	for i, f := range found {
		c, ok := verify.CredentialFromFinding(f)
		if !ok {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, c verify.Credential) {
			defer wg.Done()
			defer func() { <-sem }()
			r := e.Verify(ctx, c)
			results[i] = &r
		}(i, c)
	}
	wg.Wait()
	ov := e.Overrides()
	if len(ov) == 0 {
		ov = nil
	}
	return results, ov, nil
}

// warnOverrides warns on standard error, in every format and whatever
// --quiet and --report say, when verification endpoints are overridden:
// credentials are sent to hosts that are not the exchanges', and results
// are only as trustworthy as those hosts.
func warnOverrides(stderr io.Writer, overrides map[string]string) {
	if n := report.OverrideNotice(overrides); n != "" {
		fmt.Fprintln(stderr, "keyhound: warning:", n)
	}
}

// keep applies --only-live and --min-risk.
func keep(o *options, r *verify.Result) bool {
	if !o.verify || (!o.onlyLive && o.minRisk == "") {
		return true
	}
	if r == nil {
		return false
	}
	if o.onlyLive && r.Status != verify.Live {
		return false
	}
	if o.minRisk != "" {
		min, _ := verify.ParseRisk(o.minRisk)
		return r.Risk.AtLeast(min)
	}
	return true
}

// newVerifyCmd is `keyhound verify --exchange NAME`: verify one credential
// read from standard input or the environment — never from arguments,
// which leak into shell history and process lists.
func newVerifyCmd(ctx context.Context, o *options, stdin io.Reader, stdout, stderr io.Writer, code *int) *cobra.Command {
	var exchange string
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
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if exchange == "" {
				return &exitCodeError{code: exitError, err: errors.New("--exchange is required")}
			}
			if len(o.endpoints) > 0 {
				o.verify = true
			}
			cred, err := readCredential(stdin)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			cred.Exchange = strings.ToLower(exchange)
			e, err := newEngine(o)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			known := e.Names()
			if i := sort.SearchStrings(known, cred.Exchange); i == len(known) || known[i] != cred.Exchange {
				return &exitCodeError{code: exitError, err: fmt.Errorf("no verifier for %q (known: %s)", exchange, strings.Join(known, ", "))}
			}
			r := e.Verify(ctx, cred)
			warnOverrides(stderr, e.Overrides())
			if o.format == "json" {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(r); err != nil {
					return &exitCodeError{code: exitError, err: err}
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
	cmd.Flags().StringVar(&exchange, "exchange", "", "the verifier to use (binance, okx, …)")
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
		Args:  cobra.NoArgs,
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
