package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/repoconfig"
	"github.com/keyhound/keyhound/repofile"
	"github.com/keyhound/keyhound/scan"
)

var fingerprintArg = regexp.MustCompile(`^[0-9a-f]{40}$`)

// newIgnoreCmd is `keyhound ignore FINGERPRINT...`: it appends the
// fingerprints to .keyhoundignore in the repository (or directory) root.
func newIgnoreCmd(stdout io.Writer) *cobra.Command {
	var dir, reason string
	cmd := &cobra.Command{
		Use:   "ignore FINGERPRINT...",
		Short: "Add findings to .keyhoundignore so they are no longer reported",
		Example: `  keyhound ignore 8d6260603c74fa416a4a1db774b5064f46d5ff09 --reason "revoked 2026-11-01"
  keyhound ignore --dir ../service 8d6260603c74fa416a4a1db774b5064f46d5ff09`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			for _, a := range args {
				if !fingerprintArg.MatchString(a) {
					return fail(fmt.Errorf("%q is not a fingerprint (40 hex digits, as shown in reports)", a))
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
				return fail(fmt.Errorf("refusing to update %s: %w", path, err))
			}
			have := scan.NewIgnore()
			if err := have.Read(bytes.NewReader(old), path); err != nil {
				return fail(err)
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
				return fail(err)
			}
			fmt.Fprintf(stdout, "%d fingerprint(s) added to %s\n", added, path)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", ".", "repository or directory whose .keyhoundignore to update")
	cmd.Flags().StringVar(&reason, "reason", "", "a comment saying why (kept next to the entry)")
	return cmd
}
