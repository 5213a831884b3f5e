package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/repoconfig"
	"github.com/keyhound/keyhound/repofile"
	"github.com/keyhound/keyhound/scan"
)

// loadBaseline reads a previous JSON report and returns its fingerprints.
func loadBaseline(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var rep struct {
		Findings *[]struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("baseline %s: not a keyhound JSON report: %w", path, err)
	}
	if rep.Findings == nil {
		return nil, fmt.Errorf("baseline %s: not a keyhound JSON report (no findings array)", path)
	}
	out := map[string]bool{}
	for _, f := range *rep.Findings {
		if f.Fingerprint != "" {
			out[f.Fingerprint] = true
		}
	}
	return out, nil
}

var fingerprintArg = regexp.MustCompile(`^[0-9a-f]{40}$`)

// newIgnoreCmd is `keyhound ignore FINGERPRINT...`: it appends the
// fingerprints to .keyhoundignore in the repository (or directory) root.
func newIgnoreCmd(stdout io.Writer) *cobra.Command {
	var dir, reason string
	cmd := &cobra.Command{
		Use:   "ignore FINGERPRINT...",
		Short: "Add findings to .keyhoundignore so they are no longer reported",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			for _, a := range args {
				if !fingerprintArg.MatchString(a) {
					return &exitCodeError{code: exitError, err: fmt.Errorf("%q is not a fingerprint (40 hex digits, as shown in reports)", a)}
				}
			}
			root := dir
			if top := scan.WorkTreeTop(dir); top != "" {
				root = top
			}
			path := filepath.Join(root, repoconfig.IgnoreFile)
			// Read and replaced, never followed: a .keyhoundignore that is a
			// symbolic link (dangling or not) is refused, not written
			// through.
			old, err := repofile.ReadFile(root, repoconfig.IgnoreFile, 0)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return &exitCodeError{code: exitError, err: fmt.Errorf("refusing to update %s: %w", path, err)}
			}
			have := scan.NewIgnore()
			if err := have.Read(bytes.NewReader(old), path); err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			known := map[string]bool{}
			for _, fp := range have.Fingerprints() {
				known[fp] = true
			}
			buf := bytes.NewBuffer(old)
			if len(old) > 0 && old[len(old)-1] != '\n' {
				buf.WriteByte('\n')
			}
			added := 0
			for _, a := range args {
				if known[a] {
					continue
				}
				line := a
				if reason != "" {
					line += " # " + strings.Join(strings.Fields(reason), " ")
				}
				buf.WriteString(line + "\n")
				known[a] = true
				added++
			}
			if err := replaceFile(path, 0o644, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			fmt.Fprintf(stdout, "%d fingerprint(s) added to %s\n", added, path)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", ".", "repository or directory whose .keyhoundignore to update")
	cmd.Flags().StringVar(&reason, "reason", "", "a comment saying why (kept next to the entry)")
	return cmd
}

// progress reports whether to show progress: a terminal, not quiet.
func (o *options) progress(stderr io.Writer) bool {
	return !o.quiet && isTerminal(stderr)
}

// progressPrinter draws one status line on a terminal, at most 5 times a
// second.
func progressPrinter(w io.Writer) func(scan.Progress) {
	start := time.Now()
	var last int64
	return func(p scan.Progress) {
		now := time.Now().UnixNano()
		if prev := atomic.LoadInt64(&last); now-prev < int64(200*time.Millisecond) || !atomic.CompareAndSwapInt64(&last, prev, now) {
			return
		}
		mb := float64(p.Bytes) / 1e6
		rate := mb / time.Since(start).Seconds()
		total := ""
		if p.Total > 0 {
			total = fmt.Sprintf("/%d", p.Total)
		}
		fmt.Fprintf(w, "\r\x1b[K%s: %d%s, %.0f MB, %.0f MB/s", p.Phase, p.Done, total, mb, rate)
	}
}
