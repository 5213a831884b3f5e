//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestScanInterruptedReportsFindings: SIGTERM in the middle of a scan
// writes the report with the findings already made, says it was
// interrupted (JSON "interrupted", stderr) and exits 2.
//
// Deterministic, not timed: keyhound matches standard input in 8 MiB
// chunks, so once it has taken more than 8 MiB plus a pipe's buffer, the
// first chunk (with the credential) was matched; the signal comes then,
// keyhound says at once that it is stopping, and only after that line is
// standard input closed. The deadlines only turn a hang into a failure.
func TestScanInterruptedReportsFindings(t *testing.T) {
	cmd := exec.Command(keyhoundBinary(t), "scan", "-", "-f", "json")
	cmd.Dir = t.TempDir()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	stopping := make(chan struct{})
	var stderr strings.Builder
	stderrDone := make(chan struct{})
	go func() {
		defer close(stderrDone)
		sc := bufio.NewScanner(errPipe)
		said := false
		for sc.Scan() {
			stderr.WriteString(sc.Text() + "\n")
			if !said && strings.Contains(sc.Text(), "stopping") {
				said = true
				close(stopping)
			}
		}
	}()
	filler := strings.Repeat("a line of filler text, nothing secret in it\n", (9<<20)/44)
	if _, err := stdin.Write([]byte(envText + filler)); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-stopping:
	case <-time.After(60 * time.Second):
		t.Fatal("keyhound did not say it was stopping after SIGTERM")
	}
	stdin.Close()
	waited := make(chan error, 1)
	go func() { <-stderrDone; waited <- cmd.Wait() }()
	select {
	case err = <-waited:
	case <-time.After(60 * time.Second):
		t.Fatal("keyhound did not exit after SIGTERM")
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Errorf("exit: %v, want status 2\nstderr: %s", err, stderr.String())
	}
	var rep struct {
		Interrupted bool     `json:"interrupted"`
		Errors      []string `json:"errors"`
		Findings    []struct {
			RuleID    string                  `json:"rule_id"`
			Locations []struct{ Path string } `json:"locations"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("no JSON report: %v\n%s\nstderr: %s", err, stdout.String(), stderr.String())
	}
	if !rep.Interrupted || len(rep.Errors) == 0 || !strings.Contains(rep.Errors[0], "interrupted") {
		t.Errorf("the report does not say it was interrupted: interrupted=%v errors=%q", rep.Interrupted, rep.Errors)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].RuleID != "binance" || rep.Findings[0].Locations[0].Path != "stdin" {
		t.Errorf("findings %+v, want the binance credential read before the signal", rep.Findings)
	}
	if !strings.Contains(stderr.String(), "scan interrupted") {
		t.Errorf("stderr does not say the scan was interrupted:\n%s", stderr.String())
	}
	if strings.Contains(stdout.String()+stderr.String(), binSecret) {
		t.Error("a secret leaked")
	}
}
