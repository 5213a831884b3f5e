package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestAuditBuiltBinary: keyhound audit end to end as a user runs it, the
// built binary in its own process against a local Binance server, from
// the environment (--env) and from a key store file, in every format: a
// key that can trade and withdraw without an IP allow-list fails the
// policy (exit 1), and neither the secret, the whole key nor an unrelated
// environment variable reaches the output.
func TestAuditBuiltBinary(t *testing.T) {
	srv := binanceKeyServer(t, 0, restrictions(false, true, true, time.Now().Add(-10*24*time.Hour)))
	dir := t.TempDir()
	write(t, dir, "keys.env", envText)
	const other = "UNRELATED_TOKEN=ghp_notAKeyhoundCredential0123456789"
	base := append(os.Environ(), "KEYHOUND_ENDPOINT_BINANCE="+srv.URL, other, "NO_COLOR=1")
	sources := []struct {
		name string
		env  []string
		args []string
		from string
	}{
		{"--env", append(base, "BINANCE_API_KEY="+binKey, "BINANCE_API_SECRET="+binSecret), []string{"audit", "--env"}, "env:BINANCE_API_"},
		{"FILE", base, []string{"audit", "keys.env"}, "keys.env"},
	}
	for _, src := range sources {
		for _, format := range []string{"text", "json", "sarif"} {
			t.Run(src.name+"/"+format, func(t *testing.T) {
				r := runIn(t, dir, src.env, keyhoundBinary(t), append(src.args, "-f", format)...)
				if r.code != 1 {
					t.Fatalf("exit %d, want 1 (a fail rule broken)\n%s%s", r.code, r.stdout, r.stderr)
				}
				out := r.stdout + r.stderr
				for _, leak := range []string{binSecret, binKey, "ghp_notAKeyhoundCredential", "UNRELATED_TOKEN"} {
					if strings.Contains(out, leak) {
						t.Errorf("the output holds %q", leak)
					}
				}
				if !strings.Contains(r.stderr, "binance="+srv.URL) {
					t.Errorf("the endpoint override is not flagged on stderr:\n%s", r.stderr)
				}
				switch format {
				case "text":
					if !strings.Contains(r.stdout, "FAIL withdraw-without-ip-allowlist") || !strings.Contains(r.stdout, src.from) {
						t.Errorf("text report:\n%s", r.stdout)
					}
				case "json":
					rep := parseAudit(t, r.stdout)
					if len(rep.Findings) != 1 || !strings.HasPrefix(rep.Findings[0].Locations[0].Path, src.from) {
						t.Errorf("json report: %+v", rep)
					}
				case "sarif":
					validateSARIF(t, []byte(r.stdout))
					if !strings.Contains(r.stdout, `"rule": "withdraw-without-ip-allowlist"`) {
						t.Errorf("the SARIF results lack the policy:\n%s", r.stdout)
					}
				}
			})
		}
	}
}
