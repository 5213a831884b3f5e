package keyhound_test

// The Action's report of what it found (issue 13, item 12): each
// credential, redacted, with file:line in the job summary; an annotation
// on each line (escaped as GitHub's runner unescapes them); the report
// offered for upload as an artifact unless it holds secrets in full.

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const (
	sumKey    = "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf"
	sumSecret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
)

// summaryRepo is a repository, in a workspace subdirectory, with two
// credentials: one in svc/.env, one in a file whose name is Markdown and
// HTML (a link, an image with a handler, a table cell break).
func summaryRepo(t *testing.T) (home, workspace, repo, head, hostileName string) {
	t.Helper()
	home = t.TempDir()
	workspace = filepath.Join(home, "ws")
	repo = filepath.Join(workspace, "checkout")
	hostileName = "[click](https:evil.example) <img src=x onerror=alert(1)> | *x* `y`.env"
	for _, f := range []struct{ name, key, secret string }{
		{"svc/.env", sumKey, sumSecret},
		{hostileName, sumKey[5:] + sumKey[:5], sumSecret[5:] + sumSecret[:5]},
	} {
		p := filepath.Join(repo, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# settings\nBINANCE_API_KEY="+f.key+"\nBINANCE_API_SECRET="+f.secret+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, home, repo, "init", "-q")
	git(t, home, repo, "add", "-A")
	git(t, home, repo, "commit", "-q", "-m", "leak")
	return home, workspace, repo, git(t, home, repo, "rev-parse", "HEAD"), hostileName
}

// mdUnescaped is Markdown with its backslash escapes removed: the
// characters left are the ones Markdown acts on.
var mdEscape = regexp.MustCompile(`\\[[:punct:]]`)

func TestActionSummaryAndAnnotations(t *testing.T) {
	needTools(t, "bash", "git", "tr", "sed")
	bin := keyhoundBinary(t)
	home, workspace, repo, head, hostileName := summaryRepo(t)
	for _, tool := range jsonTools(t) {
		for _, c := range []struct {
			name, sarif, fail, args string
			level                   string
			upload                  bool
		}{
			{"json", "false", "true", "", "error", true},
			{"sarif", "true", "true", "", "error", true},
			{"json, fail-on-findings false", "false", "false", "", "warning", true},
			{"json written with --no-redact", "false", "true", "--no-redact", "error", false},
		} {
			t.Run(tool+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				summary := filepath.Join(t.TempDir(), "summary.md")
				r := runScript(t, home, "run.sh", "KH_BIN="+bin, "KH_PATH="+repo, "KH_RANGE_SPEC="+head,
					"KH_OUT_DIR="+t.TempDir(), "KEYHOUND_ACTION_JSON="+tool, "KH_SARIF="+c.sarif,
					"KH_FAIL_ON_FINDINGS="+c.fail, "KH_ARGS="+c.args, "KH_ROOT="+repo, "GITHUB_WORKSPACE="+workspace,
					"KH_ARTIFACT=keyhound-report", "GITHUB_STEP_SUMMARY="+summary)
				if want := map[string]int{"true": 1, "false": 0}[c.fail]; r.code != want {
					t.Fatalf("exit %d, want %d\n%s%s", r.code, want, r.stdout, r.stderr)
				}
				all := r.stdout + r.stderr
				b, err := os.ReadFile(summary)
				if err != nil {
					t.Fatal(err)
				}
				md := string(b)
				if strings.Contains(all+md, sumKey[8:40]) || strings.Contains(all+md, sumSecret[8:40]) || strings.Contains(all+md, sumKey[13:45]) {
					t.Errorf("a secret is shown in full\nsummary:\n%s\noutput:\n%s", md, all)
				}

				// Annotations: one per credential, at its line, with the path
				// from the workspace's root, at the level fail-on-findings says.
				var got []string
				for _, cmd := range workflowCommands(r.stdout) {
					a, ok := parseAnnotation(cmd.line)
					if ok && a.props["file"] != "" {
						got = append(got, a.level+" "+a.props["file"]+":"+a.props["line"])
						if !strings.Contains(a.data, "binance") || (c.sarif == "false" && !strings.Contains(a.data, "…(64 chars)")) {
							t.Errorf("annotation message %q: want the exchange and (json) the redacted values", a.data)
						}
					}
				}
				want := []string{c.level + " checkout/" + hostileName + ":2", c.level + " checkout/svc/.env:2"}
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("annotations\n%q\nwant\n%q", got, want)
				}

				// The summary: a table row per credential, file:line and the
				// redacted values; the hostile name as text only.
				rows := 0
				for _, line := range strings.Split(md, "\n") {
					if !strings.HasPrefix(line, "| binance") {
						continue
					}
					rows++
					plain := mdEscape.ReplaceAllString(line, "")
					if n := strings.Count(plain, "|"); n != 5 {
						t.Errorf("row %q has %d cell separators, want 5", line, n)
					}
					for _, bad := range []string{"<", "[", "](", "*", "`", "http"} {
						if strings.Contains(plain, bad) && bad != "http" || bad == "http" && strings.Contains(line, "https:evil") {
							t.Errorf("row %q: %q is left for Markdown to act on", line, bad)
						}
					}
					if c.sarif == "false" && !strings.Contains(line, `Qm7x…\(64 chars\)`) && !strings.Contains(line, `2pLw…\(64 chars\)`) {
						t.Errorf("row %q lacks the redacted key", line)
					}
				}
				if rows != 2 || !strings.Contains(md, `svc\/\.env:2`) || !strings.Contains(md, "- findings: 2") {
					t.Errorf("summary: %d rows, want 2 naming svc/.env:2\n%s", rows, md)
				}

				if up := r.out["upload-file"]; (up != "") != c.upload || c.upload && up != r.out["report-file"] {
					t.Errorf("upload-file %q (report %q), want it set: %v", up, r.out["report-file"], c.upload)
				}
				if c.upload != strings.Contains(md, "artifact keyhound\\-report") {
					t.Errorf("the summary names the artifact: %v, want %v\n%s", !c.upload, c.upload, md)
				}
			})
		}
	}
}

// TestActionAnnotationLimit: GitHub shows 10 annotations of a level per
// step; the findings get the first 9, the summary lists them all.
func TestActionAnnotationLimit(t *testing.T) {
	needTools(t, "bash", "tr", "sed")
	home := t.TempDir()
	bin := filepath.Join(home, "keyhound")
	if err := os.WriteFile(bin, []byte(fakeKeyhound), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tool := range jsonTools(t) {
		summary := filepath.Join(t.TempDir(), "summary.md")
		r := runScript(t, home, "run.sh", "KH_BIN="+bin, "KH_RANGE_SPEC=a..b", "KH_OUT_DIR="+t.TempDir(),
			"FAKE_LOG="+filepath.Join(t.TempDir(), "args"), "FAKE_RC=1", "FAKE_N=14", "KEYHOUND_ACTION_JSON="+tool,
			"GITHUB_STEP_SUMMARY="+summary)
		var files, ours int
		for _, cmd := range workflowCommands(r.stdout) {
			if strings.Contains(cmd.line, " file=") {
				files++
			} else if strings.HasPrefix(cmd.line, "::error title=keyhound::") {
				ours++
			}
		}
		b, _ := os.ReadFile(summary)
		if files != 9 || ours != 1 || strings.Count(string(b), "| binance") != 14 {
			t.Errorf("%s: %d file annotations + %d, %d summary rows; want 9 + 1, 14\n%s\n%s", tool, files, ours, strings.Count(string(b), "| binance"), r.stdout, b)
		}
	}
}

// TestActionUploadStep: action.yml uploads the file run.sh offers
// (upload-file: set only for a redacted report), with a pinned major
// version of actions/upload-artifact, also when the scan step failed.
func TestActionUploadStep(t *testing.T) {
	var found bool
	for _, s := range readActionSteps(t) {
		if !strings.HasPrefix(s.Uses, "actions/upload-artifact@") {
			continue
		}
		found = true
		if !regexp.MustCompile(`^actions/upload-artifact@(v[0-9]+|[0-9a-f]{40})$`).MatchString(s.Uses) {
			t.Errorf("uses %q: pin a major version or a commit", s.Uses)
		}
		if s.With["path"] != "${{ steps.scan.outputs.upload-file }}" || s.With["name"] != "${{ inputs.report-artifact }}" {
			t.Errorf("with %v: want the scan's upload-file under the report-artifact name", s.With)
		}
		for _, cond := range []string{"always()", "steps.scan.outputs.upload-file != ''", "inputs.report-artifact != ''"} {
			if !strings.Contains(s.If, cond) {
				t.Errorf("if %q lacks %q", s.If, cond)
			}
		}
	}
	if !found {
		t.Error("action.yml has no actions/upload-artifact step")
	}
}
