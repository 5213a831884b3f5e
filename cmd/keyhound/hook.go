package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/keyhound/keyhound/hook"
)

// newHookCmd returns `keyhound hook`, with install and uninstall.
func newHookCmd(stdout, stderr io.Writer) *cobra.Command {
	hookCmd := &cobra.Command{
		Use:   "hook",
		Short: "Install or remove the native git pre-commit hook",
		Long: `Install or remove a native git pre-commit hook that runs "keyhound staged"
before each commit and blocks commits that add exchange API credentials.

An existing pre-commit hook is kept (as ` + hook.ChainedName + `) and run
first; uninstall puts it back. With the pre-commit framework, use the hooks
keyhound or keyhound-system of this repository's .pre-commit-hooks.yaml
instead.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return c.Help()
		},
	}

	var force, usePath bool
	installCmd := &cobra.Command{
		Use:   "install [REPO]",
		Short: "Install the pre-commit hook in a git repository (default: the current one)",
		Long: `Install keyhound's pre-commit hook in the hooks directory of the git repository
holding REPO (default: the current directory), honouring core.hooksPath.

The hook runs this keyhound binary (by absolute path; keyhound on PATH if it
is gone, or with --use-path) as "keyhound staged", which reads only the index
and HEAD. An existing hook is chained: renamed to ` + hook.ChainedName + `
and run first. Installing again only rewrites keyhound's hook. Hooks that the
pre-commit framework or husky generated are not chained unless --force.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			repo := repoArg(args)
			opts := hook.Options{Force: force}
			if !usePath {
				exe, note := selfPath()
				if note != "" && !quiet(c) {
					fmt.Fprintln(stderr, "keyhound:", note)
				}
				opts.Binary = exe
			}
			dir, err := hook.HooksDir(repo)
			if err != nil {
				return fail(err)
			}
			hookPath := filepath.Join(dir, hook.HookName)
			chainedPath := filepath.Join(dir, hook.ChainedName)
			_, statErr := os.Lstat(chainedPath)
			hadChained := statErr == nil
			if err := hook.Install(repo, opts); err != nil {
				if errors.Is(err, hook.ErrManagedHook) {
					err = fmt.Errorf("%w (--force chains it anyway)", err)
				}
				return fail(err)
			}
			if quiet(c) {
				return nil
			}
			fmt.Fprintf(stdout, "installed the keyhound pre-commit hook: %s\n", hookPath)
			if _, err := os.Lstat(chainedPath); err == nil {
				what := "chained the existing hook"
				if hadChained {
					what = "still chains the earlier hook"
				}
				fmt.Fprintf(stdout, "%s, kept as %s: it runs first\n", what, chainedPath)
			}
			runs := "keyhound (from PATH)"
			if opts.Binary != "" {
				runs = opts.Binary
			}
			fmt.Fprintf(stdout, "before each commit it runs: %s staged\n", runs)
			return nil
		},
	}
	installCmd.Flags().BoolVar(&force, "force", false, "chain an existing hook even if the pre-commit framework or husky generated it")
	installCmd.Flags().BoolVar(&usePath, "use-path", false, "have the hook run the keyhound found on PATH instead of this binary")

	uninstallCmd := &cobra.Command{
		Use:   "uninstall [REPO]",
		Short: "Remove the pre-commit hook and restore the hook it chained",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			repo := repoArg(args)
			dir, err := hook.HooksDir(repo)
			if err != nil {
				return fail(err)
			}
			hookPath := filepath.Join(dir, hook.HookName)
			_, statErr := os.Lstat(filepath.Join(dir, hook.ChainedName))
			hadChained := statErr == nil
			err = hook.Uninstall(repo)
			switch {
			case errors.Is(err, hook.ErrNotInstalled):
				// Nothing of keyhound's to remove: not a failure.
				if !quiet(c) {
					fmt.Fprintln(stderr, "keyhound:", err)
				}
				return nil
			case err != nil:
				return fail(err)
			}
			if quiet(c) {
				return nil
			}
			if hadChained {
				fmt.Fprintf(stdout, "removed the keyhound pre-commit hook and restored the previous one: %s\n", hookPath)
			} else {
				fmt.Fprintf(stdout, "removed the keyhound pre-commit hook: %s\n", hookPath)
			}
			return nil
		},
	}
	hookCmd.PersistentFlags().BoolP("quiet", "q", false, "print nothing but errors")
	hookCmd.Example = `  keyhound hook install
  keyhound hook uninstall`
	installCmd.Example = `  keyhound hook install              # the repository in the current directory
  keyhound hook install --use-path   # run the keyhound on PATH, not this binary`
	hookCmd.AddCommand(installCmd, uninstallCmd)
	return hookCmd
}

func repoArg(args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return "."
}

// quiet reports whether the hook command's --quiet flag is on.
func quiet(c *cobra.Command) bool {
	f := c.Flag("quiet")
	return f != nil && f.Value.String() == "true"
}

// selfPath returns the absolute path of the running keyhound, or "" (use
// PATH) with a note when there is none worth pointing a hook at: a
// `go run` build is deleted when it exits.
func selfPath() (string, string) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Sprintf("cannot tell where this binary is (%v); the hook will run keyhound from PATH", err)
	}
	if strings.Contains(filepath.ToSlash(exe), "/go-build") {
		return "", "this is a temporary `go run` build; the hook will run keyhound from PATH (go install ./cmd/keyhound)"
	}
	return exe, ""
}
