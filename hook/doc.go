// Package hook installs and removes keyhound's native git pre-commit
// hook: a POSIX sh script in the repository's hooks directory that runs
// `keyhound staged` before each commit and blocks the commit when the
// staged changes add an exchange API credential, printing the redacted
// report and [Advice] on how to proceed.
//
// [Install] finds the hooks directory as git does ([HooksDir]: the work
// tree's .git directory or the git directory a .git file points to, the
// main repository's for a linked worktree, or core.hooksPath), chains a
// hook that is already there instead of overwriting it, and refuses, with
// a descriptive error, where chaining would not be safe. [Uninstall] puts
// the chained hook back byte for byte.
//
// The package is a library: it prints nothing and never exits; the
// keyhound command's `hook install` and `hook uninstall` wrap it. For the
// pre-commit framework, the repository's .pre-commit-hooks.yaml offers
// the same check as the hooks keyhound and keyhound-system.
package hook
