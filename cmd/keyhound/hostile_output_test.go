package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileName is a file name a pull request can commit: a terminal title
// change, a screen clear, a newline that starts a fake line, a tab and a
// bidi override.
const hostileName = "x\x1b]0;pwned\x07\x1b[2J\nFAKE: 0 findings\t\u202etxt.env"

// TestStderrEscapesRepositoryText: problems and errors printed on
// standard error quote paths from the repository with their control and
// bidi characters escaped, in every format.
func TestStderrEscapesRepositoryText(t *testing.T) {
	needGitBinary(t)
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	write(t, dir, hostileName, "just text\n")
	gitT(t, dir, "add", "--", hostileName)
	gitT(t, dir, "-c", "user.name=a", "-c", "user.email=a@example.com", "commit", "-qm", "add")
	// The blob goes missing: its path is quoted in the problem.
	hex := gitT(t, dir, "hash-object", "--", hostileName)
	if err := os.Remove(filepath.Join(dir, ".git", "objects", hex[:2], hex[2:])); err != nil {
		t.Fatal(err)
	}
	reports := t.TempDir()
	for _, args := range [][]string{
		{"history", "-f", "json", "."},
		{"history", "-f", "sarif", "."},
		{"history", "-f", "text", "--report", filepath.Join(reports, "r.txt"), "."},
		{"history", "-v", "-f", "text", "."},
	} {
		r := keyhound(t, dir, "", args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
		for _, out := range []struct{ name, text string }{{"stderr", r.stderr}, {"stdout", r.stdout}} {
			bad := "\x1b\x07\t\u202e"
			if out.name == "stdout" && args[2] != "text" {
				bad = "\x1b\x07\t" // JSON and SARIF encode control characters; bidi ones are data there
			}
			if strings.ContainsAny(out.text, bad) {
				t.Errorf("%v: %s carries a control or bidi character: %q", args, out.name, out.text)
			}
			for _, line := range strings.Split(out.text, "\n") {
				if strings.Contains(line, "FAKE") && !strings.Contains(line, `\nFAKE`) {
					t.Errorf("%v: a newline in a file name started a line on %s: %q", args, out.name, out.text)
				}
			}
		}
		if !strings.Contains(r.stderr+r.stdout, `x\x1b]0;pwned\x07\x1b[2J\nFAKE: 0 findings\t\u202etxt.env`) {
			t.Errorf("%v: the path is not quoted escaped:\n%s%s", args, r.stdout, r.stderr)
		}
	}
}

// TestRulesCommandEscapesRepositoryText: `keyhound rules` lists the
// rules of the repository's own .keyhound.toml; their ids and
// descriptions reach the terminal escaped.
func TestRulesCommandEscapesRepositoryText(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".keyhound.toml", `
[extend]
useDefault = true

[[rules]]
id = "custom-token"
description = "desc \u001b]0;pwned\u0007 \u202e over\nFAKE line"
regex = '''tok_[a-z0-9]{20}'''
`)
	r := keyhound(t, dir, "", "rules")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.ContainsAny(r.stdout, "\x1b\x07\u202e") || strings.Contains(r.stdout, "\nFAKE") {
		t.Errorf("control or bidi characters reach the terminal: %q", r.stdout)
	}
	if !strings.Contains(r.stdout, `desc \x1b]0;pwned\x07 \u202e over\nFAKE line`) {
		t.Errorf("the description is not shown escaped:\n%s", r.stdout)
	}
}
