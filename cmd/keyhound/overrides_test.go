package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndpointOverridesFlaggedEverywhere: an overridden verification
// endpoint is flagged in every format — a warning on standard error
// (with or without --report), the JSON report's endpoint_overrides, a
// SARIF run notification and property — even when no finding was
// verified through it (no finding at all, or none for that exchange).
func TestEndpointOverridesFlaggedEverywhere(t *testing.T) {
	var calls int64
	srv := fakeBinance(t, &calls)
	withKey := t.TempDir()
	write(t, withKey, "bot/.env", envText)
	empty := t.TempDir()
	write(t, empty, "README", "nothing here\n")
	reports := t.TempDir()
	for _, dir := range []string{withKey, empty} {
		for _, how := range []string{"flag", "env"} {
			for _, format := range []string{"text", "json", "sarif"} {
				for _, toFile := range []bool{false, true} {
					args := []string{"scan", "-f", format, "--verify"}
					var env []string
					if how == "flag" {
						args = append(args, "--endpoint", "binance="+srv.URL, "--endpoint", "okx="+srv.URL+"/okx")
					} else {
						env = []string{"KEYHOUND_ENDPOINT_BINANCE=" + srv.URL, "KEYHOUND_ENDPOINT_OKX=" + srv.URL + "/okx"}
					}
					rep := filepath.Join(reports, "r."+format)
					if toFile {
						args = append(args, "--report", rep)
					}
					r := keyhoundEnv(t, dir, env, append(args, ".")...)
					name := strings.Join(append([]string{how}, args...), " ")
					if r.code != 0 && r.code != 1 {
						t.Fatalf("%s: exit %d\n%s%s", name, r.code, r.stdout, r.stderr)
					}
					want := "binance=" + srv.URL + ", okx=" + srv.URL + "/okx"
					if !strings.Contains(r.stderr, "warning: verification endpoints overridden") || !strings.Contains(r.stderr, want) {
						t.Errorf("%s: no warning on stderr: %q", name, r.stderr)
					}
					out := r.stdout
					if toFile {
						b, err := os.ReadFile(rep)
						if err != nil {
							t.Fatal(err)
						}
						out = string(b)
					}
					switch format {
					case "text":
						if !strings.Contains(out, want) {
							t.Errorf("%s: the text report lacks the warning:\n%s", name, out)
						}
					case "json":
						var j struct {
							Overrides map[string]string `json:"endpoint_overrides"`
						}
						if err := json.Unmarshal([]byte(out), &j); err != nil || j.Overrides["binance"] != srv.URL || j.Overrides["okx"] != srv.URL+"/okx" {
							t.Errorf("%s: endpoint_overrides %v (%v)", name, j.Overrides, err)
						}
					case "sarif":
						var s struct {
							Runs []struct {
								Invocations []struct {
									Notifications []struct {
										Level   string `json:"level"`
										Message struct {
											Text string `json:"text"`
										} `json:"message"`
									} `json:"toolExecutionNotifications"`
								} `json:"invocations"`
								Properties struct {
									Overrides map[string]string `json:"endpoint_overrides"`
								} `json:"properties"`
							} `json:"runs"`
						}
						if err := json.Unmarshal([]byte(out), &s); err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						run := s.Runs[0]
						if run.Properties.Overrides["okx"] != srv.URL+"/okx" {
							t.Errorf("%s: run properties %v", name, run.Properties.Overrides)
						}
						if ns := run.Invocations[0].Notifications; len(ns) == 0 || ns[0].Level != "warning" || !strings.Contains(ns[0].Message.Text, want) {
							t.Errorf("%s: notifications %+v", name, ns)
						}
					}
				}
			}
		}
	}
	// Without an override: no warning.
	if r := keyhound(t, withKey, "", "scan", "-f", "json", "."); strings.Contains(r.stderr+r.stdout, "overridden") {
		t.Errorf("a warning without an override:\n%s%s", r.stdout, r.stderr)
	}
}

// TestEndpointOverridesFlaggedUnderQuiet: --quiet silences the notes and
// the report, not the warning that credentials go to other hosts.
func TestEndpointOverridesFlaggedUnderQuiet(t *testing.T) {
	var calls int64
	srv := fakeBinance(t, &calls)
	dir := t.TempDir()
	write(t, dir, "bot/.env", envText)
	r := keyhound(t, dir, "", "scan", "-q", "--verify", "--endpoint", "binance="+srv.URL, ".")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("--quiet wrote a report: %q", r.stdout)
	}
	if n := strings.Count(r.stderr, "warning: verification endpoints overridden"); n != 1 || !strings.Contains(r.stderr, "binance="+srv.URL) {
		t.Errorf("want the override warning once on stderr, got %q", r.stderr)
	}
}
