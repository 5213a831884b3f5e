package keyhound_test

// Workflow-command injection (issue 10, item 6): what a scanned
// repository or pull request controls (file names, rule ids of a pack it
// supplies, anything keyhound prints about them) must never reach the
// Action's standard output or standard error as a workflow command.

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// wfCommand is one workflow command as GitHub's runner would read it.
type wfCommand struct{ name, line string }

// workflowCommands returns the workflow commands GitHub's runner would
// act on in one output stream. The runner reads commands on standard
// output and standard error alike (actions/runner ScriptHandler gives
// both streams an OutputManager on the step's ActionCommandManager),
// splits lines at LF and CR, and takes "::name ...::data" at the start of
// a line after .NET's TrimStart (any Unicode white space), and the legacy
// "##[name ...]data" anywhere in a line (ActionCommand.TryParseV2,
// TryParse). Any name counts here, registered with the runner or not.
func workflowCommands(stream string) []wfCommand {
	var cmds []wfCommand
	lines := strings.FieldsFunc(stream, func(r rune) bool { return r == '\n' || r == '\r' })
	for _, line := range lines {
		t := strings.TrimLeftFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f })
		if rest, ok := strings.CutPrefix(t, "::"); ok {
			if i := strings.Index(rest, "::"); i >= 0 {
				name, _, _ := strings.Cut(rest[:i], " ")
				cmds = append(cmds, wfCommand{name, line})
			}
		}
		for rest := line; ; {
			_, after, ok := strings.Cut(rest, "##[")
			if !ok {
				break
			}
			if i := strings.IndexByte(after, ']'); i >= 0 {
				name, _, _ := strings.Cut(after[:i], " ")
				cmds = append(cmds, wfCommand{"legacy " + name, line})
			}
			rest = after
		}
	}
	return cmds
}

func TestWorkflowCommandsParser(t *testing.T) {
	got := workflowCommands("a\n::warning::x\r  ::error title=t::y\n\u00a0::notice::z\nfoo ##[add-mask]s\n:: no\nb::c::d\n")
	var names []string
	for _, c := range got {
		names = append(names, c.name)
	}
	if strings.Join(names, ",") != "warning,error,notice,legacy add-mask" {
		t.Errorf("parsed %q", names)
	}
}

// annotation is a file annotation as GitHub's runner reads it
// (ActionCommand.TryParseV2): "::name k=v,k=v::data", properties split
// at ',' then at the first '=', values and data unescaped.
type annotation struct {
	level, data string
	props       map[string]string
}

func parseAnnotation(line string) (annotation, bool) {
	rest, ok := strings.CutPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::")
	if !ok {
		return annotation{}, false
	}
	info, data, ok := strings.Cut(rest, "::")
	if !ok {
		return annotation{}, false
	}
	name, props, _ := strings.Cut(info, " ")
	unescapeProp := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	unescapeData := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%")
	a := annotation{level: name, data: unescapeData.Replace(data), props: map[string]string{}}
	for _, p := range strings.Split(props, ",") {
		if k, v, ok := strings.Cut(p, "="); ok {
			a.props[k] = unescapeProp.Replace(v)
		}
	}
	return a, true
}

// checkOnlyOurCommand fails unless the script's two streams hold only
// the Action's own workflow commands, on standard output: one error
// annotation, naming want, and the annotations of the findings' lines
// (file, line and title properties, nothing else, as the runner parses
// them; they are returned). It also fails on any control character but
// newline in either stream (a CR splits a line for the runner; escape
// sequences are rendered by the log viewer).
func checkOnlyOurCommand(t *testing.T, r result, want string) []annotation {
	t.Helper()
	out, errs := workflowCommands(r.stdout), workflowCommands(r.stderr)
	var ours int
	var files []annotation
	for _, c := range out {
		a, ok := parseAnnotation(c.line)
		switch {
		case c.name == "error" && strings.HasPrefix(c.line, "::error title=keyhound::") && strings.Contains(c.line, want):
			ours++
		case ok && (a.level == "error" || a.level == "warning") && len(a.props) == 3 && a.props["file"] != "" &&
			strings.HasPrefix(a.props["title"], "keyhound: leaked ") && strings.Trim(a.props["line"], "0123456789") == "" &&
			strings.HasPrefix(c.line, "::"+a.level+" file="):
			files = append(files, a)
			for _, v := range []string{a.props["file"], a.props["title"], a.data} {
				if strings.ContainsAny(v, "\r\n\x1b") || strings.Contains(v, "##[") {
					t.Errorf("annotation %q holds a control character or ##[ once unescaped: %q", c.line, v)
				}
			}
		default:
			t.Errorf("standard output holds the workflow command %q, not one of the Action's\nstdout:\n%s", c.line, r.stdout)
		}
	}
	if ours != 1 {
		t.Errorf("standard output holds %d of the Action's ::error about %q, want 1\nstdout:\n%s", ours, want, r.stdout)
	}
	if len(errs) != 0 {
		t.Errorf("standard error holds the workflow commands %q\nstderr:\n%s", errs, r.stderr)
	}
	for name, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		for _, c := range s {
			if c != '\n' && (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
				t.Errorf("%s holds the control character %U:\n%q", name, c, s)
				break
			}
		}
	}
	return files
}

// jsonText is s as the inside of a JSON string literal.
func jsonText(t *testing.T, s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b[1 : len(b)-1])
}

// hostile is text an attacker would like the runner to read as commands:
// a warning, a command-stopper that would silence the Action's own
// ::error, commands behind CR, behind Unicode white space, in the legacy
// syntax in mid-line, and terminal escape sequences.
const hostile = "x\n::warning title=pwned::injected\n::stop-commands::deadbeef\n" +
	"a\r::error title=pwned::after CR\n\u2003::notice::after an em space\n\u0085::notice::after NEL\n" +
	"mid ##[warning]legacy ##[stop-commands]cafe\n\x1b[2K\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 y"

// TestActionRunNeutralisesOutput runs run.sh with a keyhound stand-in
// that prints hostile text on both streams and puts it in every field
// of its report that the Action prints (rule, exchange, path, commit).
func TestActionRunNeutralisesOutput(t *testing.T) {
	needTools(t, "bash", "tr", "sed")
	home := t.TempDir()
	bin := filepath.Join(home, "keyhound")
	if err := os.WriteFile(bin, []byte(fakeKeyhound), 0o755); err != nil {
		t.Fatal(err)
	}
	h := jsonText(t, hostile)
	for _, tool := range jsonTools(t) {
		for _, format := range []string{"json", "sarif"} {
			for _, code := range []string{"1", "2"} {
				t.Run(tool+"/"+format+"/exit "+code, func(t *testing.T) {
					t.Parallel()
					dir := t.TempDir()
					env := []string{"KH_BIN=" + bin, "KH_PATH=repo\n::warning::from the path input", "KH_RANGE_SPEC=aaa..bbb",
						"KH_OUT_DIR=" + dir, "FAKE_LOG=" + filepath.Join(dir, "args"), "KEYHOUND_ACTION_JSON=" + tool,
						"KH_SARIF=" + map[string]string{"json": "false", "sarif": "true"}[format],
						"FAKE_RC=" + code, "FAKE_N=2", "FAKE_RULE=r" + h, "FAKE_EXCHANGE=\u2003::warning::e" + h,
						"FAKE_PATH=p" + h + ".env", "FAKE_COMMIT=" + h, "FAKE_OUT=" + hostile, "FAKE_ERR=" + hostile}
					r := runScript(t, home, "run.sh", env...)
					checkOnlyOurCommand(t, r, map[string]string{"1": "leaked credential", "2": "exit code 2"}[code])
					if want := map[string]int{"1": 1, "2": 2}[code]; r.code != want {
						t.Errorf("exit %d, want %d", r.code, want)
					}
					if code == "1" && !strings.Contains(r.stdout, "px?::warning title=pwned::injected?::stop-commands::deadbeef?a?::error title=pwned::after CR?") {
						t.Errorf("the finding summary does not name the file, control characters shown as '?':\n%s", r.stdout)
					}
				})
			}
		}
	}
}

// keyhoundBinary builds keyhound for a test.
func keyhoundBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "keyhound")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/keyhound")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestActionHostileRepository runs run.sh with the real keyhound on a
// repository whose file names and rule pack are hostile.
func TestActionHostileRepository(t *testing.T) {
	needTools(t, "bash", "git", "tr", "sed")
	tools := jsonTools(t)
	bin := keyhoundBinary(t)
	home := t.TempDir()
	repo := filepath.Join(home, "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	g := func(args ...string) string { return git(t, home, repo, args...) }
	g("init", "-q")
	// File names as a pull request could add them: each holds a different
	// Binance key pair, so that each is a finding of its own.
	names := []string{
		"x\n::warning title=pwned::injected\n::stop-commands::deadbeef\ny.env",
		"a\r::error title=pwned::cr.env",
		"mid ##[warning]legacy ##[stop-commands]cafe.env",
		"esc\x1b]8;;https:\x07link.env",
	}
	key, secret := "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf", "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
	for i, n := range names {
		k, s := key[i:]+key[:i], secret[i:]+secret[:i]
		if err := os.WriteFile(filepath.Join(repo, n), []byte("BINANCE_API_KEY="+k+"\nBINANCE_API_SECRET="+s+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(repo, "app.txt"), []byte("token = acme_k3j5h2g7f9d1s4a6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g("add", "-A")
	g("commit", "-q", "-m", "hostile names")
	head := g("rev-parse", "HEAD")

	// A pack with a rule id that would print commands of its own.
	pack := filepath.Join(home, "pack.toml")
	if err := os.WriteFile(pack, []byte("[[rules]]\nid = \"acme\\n::warning title=pwned::rule\\n::stop-commands::deadbeef\"\n"+
		"regex = '''acme_[a-z0-9]{16}'''\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name  string
		args  string
		code  int
		want  string   // in the Action's ::error
		names []string // in the output (summary or keyhound's error)
	}{
		{name: "file names", args: "--verbose", code: 1, want: "4 leaked credential(s)",
			names: []string{"x?::warning title=pwned::injected?::stop-commands::deadbeef?y.env:1", "cr.env:1", "cafe.env:1", "link.env:1"}},
		{name: "rule id", args: "--rules " + pack, code: 2, want: "exit code 2", names: []string{"pack.toml:2"}},
	}
	for _, tool := range tools {
		for _, sarif := range []string{"false", "true"} {
			for _, c := range cases {
				t.Run(tool+"/sarif "+sarif+"/"+c.name, func(t *testing.T) {
					t.Parallel()
					r := runScript(t, home, "run.sh", "KH_BIN="+bin, "KH_PATH="+repo, "KH_RANGE_SPEC="+head,
						"KH_OUT_DIR="+t.TempDir(), "KEYHOUND_ACTION_JSON="+tool, "KH_SARIF="+sarif, "KH_ARGS="+c.args)
					files := checkOnlyOurCommand(t, r, c.want)
					if c.code == 1 {
						// Each file annotated, its name as the runner reads
						// it: control characters shown as "?", "##[" broken.
						var got, wantFiles []string
						for _, a := range files {
							got = append(got, a.props["file"]+":"+a.props["line"])
						}
						for _, n := range names {
							n = strings.ReplaceAll(strings.Map(func(r rune) rune {
								if r < 0x20 || r == 0x7f {
									return '?'
								}
								return r
							}, n), "##[", "# #[")
							wantFiles = append(wantFiles, n+":1")
						}
						sort.Strings(got)
						sort.Strings(wantFiles)
						if strings.Join(got, "\n") != strings.Join(wantFiles, "\n") {
							t.Errorf("annotated\n%q\nwant\n%q", got, wantFiles)
						}
					}
					if r.code != c.code {
						t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
					}
					for _, n := range c.names {
						if sarif == "true" && c.code == 1 {
							// SARIF URIs are percent-encoded.
							n = n[strings.LastIndex(n, "?")+1:]
						}
						if !strings.Contains(r.stdout+r.stderr, n) {
							t.Errorf("the output does not name %q\nstdout:\n%s\nstderr:\n%s", n, r.stdout, r.stderr)
						}
					}
				})
			}
		}
	}
}
