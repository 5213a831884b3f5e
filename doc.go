// Package keyhound is the root of keyhound, a scanner for leaked
// cryptocurrency-exchange API credentials. The work is done by its
// packages:
//
//   - rules: TOML rule packs (a superset of gitleaks' schema), the
//     embedded default packs, compilation and matching;
//   - scan: the engine over git history, working trees, the staged index
//     and readers;
//   - engine: the entry point, options in and report out (what the
//     command-line tool runs);
//   - cmd/keyhound: the command-line tool.
//
// This package itself holds only documentation and module-wide tests.
package keyhound
