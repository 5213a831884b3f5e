package keyhound_test

// Tests of the GitHub Action's scripts (action/range.sh, action/run.sh):
// the range chosen for each event, against real git repositories, with
// both JSON readers (jq and python3); and the mapping of keyhound's exit
// code to the step's result and outputs, with a stub keyhound.

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const zeroSHA = "0000000000000000000000000000000000000000"

// needTools skips the test unless every named program is on PATH.
func needTools(t *testing.T, names ...string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the action's scripts are tested on Unix only")
	}
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s not installed", n)
		}
	}
}

// baseEnv is the test process's environment without anything a CI runner
// or git config could leak into the scripts, plus a fixed git identity.
func baseEnv(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "GITHUB_"), strings.HasPrefix(k, "RUNNER_"),
			strings.HasPrefix(k, "KH_"), strings.HasPrefix(k, "KEYHOUND_"),
			strings.HasPrefix(k, "GIT_"), k == "HOME":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"HOME="+home,
		"GIT_CONFIG_GLOBAL="+filepath.Join(home, "gitconfig"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_TERMINAL_PROMPT=0",
	)
}

// git runs git in dir and returns its trimmed standard output.
func git(t *testing.T, home, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = baseEnv(home)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// fixture is an upstream repository and a full clone of it:
//
//	main:     c1 - c2 - c3        (tag v1: annotated, on c3)
//	feature:        \- f1 - f2
type fixture struct {
	home, up, work          string
	c1, c2, c3, f1, f2, tag string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{home: t.TempDir()}
	f.up = filepath.Join(f.home, "up")
	if err := os.MkdirAll(f.up, 0o755); err != nil {
		t.Fatal(err)
	}
	g := func(args ...string) string { return git(t, f.home, f.up, args...) }
	commit := func(file, text, msg string) string {
		if err := os.WriteFile(filepath.Join(f.up, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		g("add", file)
		g("commit", "-q", "-m", msg)
		return g("rev-parse", "HEAD")
	}
	g("init", "-q")
	g("symbolic-ref", "HEAD", "refs/heads/main")
	g("config", "uploadpack.allowAnySHA1InWant", "true")
	f.c1 = commit("a.txt", "1\n", "c1")
	f.c2 = commit("a.txt", "2\n", "c2")
	f.c3 = commit("a.txt", "3\n", "c3")
	g("tag", "-a", "-m", "release", "v1")
	f.tag = g("rev-parse", "v1")
	g("checkout", "-q", "-b", "feature", f.c2)
	f.f1 = commit("b.txt", "1\n", "f1")
	f.f2 = commit("b.txt", "2\n", "f2")
	g("checkout", "-q", "main")
	f.work = filepath.Join(f.home, "work")
	git(t, f.home, f.home, "clone", "-q", "file://"+f.up, f.work)
	return f
}

// shallowClone returns a depth-1 clone of main.
func (f *fixture) shallowClone(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(f.home, name)
	git(t, f.home, f.home, "clone", "-q", "--depth=1", "file://"+f.up, dir)
	if got := git(t, f.home, dir, "rev-parse", "--is-shallow-repository"); got != "true" {
		t.Fatalf("clone is not shallow: %s", got)
	}
	return dir
}

// result is what a script run left behind.
type result struct {
	code           int
	out            map[string]string // GITHUB_OUTPUT
	stdout, stderr string
}

// runScript runs action/<script> with bash and the extra environment.
func runScript(t *testing.T, home, script string, env ...string) result {
	t.Helper()
	return runScriptArgs(t, home, script, nil, env...)
}

// runScriptArgs runs action/<script> ARGS... with bash and the extra
// environment.
func runScriptArgs(t *testing.T, home, script string, args []string, env ...string) result {
	t.Helper()
	outFile := filepath.Join(t.TempDir(), "github_output")
	if err := os.WriteFile(outFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := filepath.Abs(filepath.Join("action", script))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", append([]string{path}, args...)...)
	cmd.Env = append(append(baseEnv(home), "GITHUB_OUTPUT="+outFile), env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r := result{out: map[string]string{}}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("bash %s: %v", script, err)
		}
		r.code = ee.ExitCode()
	}
	r.stdout, r.stderr = stdout.String(), stderr.String()
	fh, err := os.Open(outFile)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			t.Fatalf("%s wrote a malformed output line %q", script, sc.Text())
		}
		r.out[k] = v
	}
	return r
}

// jsonTools are the JSON readers installed here.
func jsonTools(t *testing.T) []string {
	var tools []string
	for _, n := range []string{"jq", "python3"} {
		if _, err := exec.LookPath(n); err == nil {
			tools = append(tools, n)
		}
	}
	if len(tools) == 0 {
		t.Skip("neither jq nor python3 installed")
	}
	return tools
}

func writeEvent(t *testing.T, payload string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(p, []byte(payload), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func prEvent(base, head string) string {
	return `{"action":"synchronize","number":7,"pull_request":{"number":7,"base":{"sha":"` + base +
		`","ref":"main"},"head":{"sha":"` + head + `","ref":"feature"}}}`
}

func pushEvent(ref, before, after string, deleted bool) string {
	d := "false"
	if deleted {
		d = "true"
	}
	return `{"ref":"` + ref + `","before":"` + before + `","after":"` + after + `","created":` +
		map[bool]string{true: "true", false: "false"}[before == zeroSHA] + `,"deleted":` + d +
		`,"forced":false,"repository":{"default_branch":"main","full_name":"o/r"}}`
}

func TestActionRange(t *testing.T) {
	needTools(t, "bash", "git")
	f := newFixture(t)
	unknown := "1234567890abcdef1234567890abcdef12345678"
	cases := []struct {
		name    string
		event   string
		payload string // "" for no event file
		env     []string
		dir     string // default f.work
		code    int
		skip    bool
		rng     string
		base    string
		cfg     string // config-from for a full scan, when not the scanned commit
		errText string
	}{
		{name: "pull request", event: "pull_request", payload: prEvent(f.c3, f.f2),
			rng: f.c3 + ".." + f.f2, base: f.c3},
		{name: "pull request target", event: "pull_request_target", payload: prEvent(f.c3, f.f2),
			rng: f.c3 + ".." + f.f2, base: f.c3},
		{name: "pull request, range full", event: "pull_request", payload: prEvent(f.c3, f.f2),
			env: []string{"KH_RANGE=full"}, rng: f.f2, cfg: f.c3},
		{name: "pull request with sarif stays a range", event: "pull_request", payload: prEvent(f.c3, f.f2),
			env: []string{"KH_SARIF=true"}, rng: f.c3 + ".." + f.f2, base: f.c3},
		{name: "merge group", event: "merge_group",
			payload: `{"merge_group":{"base_sha":"` + f.c3 + `","head_sha":"` + f.f2 + `"}}`,
			rng:     f.c3 + ".." + f.f2, base: f.c3},
		{name: "push", event: "push", payload: pushEvent("refs/heads/main", f.c2, f.c3, false),
			rng: f.c2 + ".." + f.c3, base: f.c2},
		{name: "push with sarif scans all history", event: "push",
			payload: pushEvent("refs/heads/main", f.c2, f.c3, false),
			env:     []string{"KH_SARIF=true"}, rng: f.c3},
		{name: "push with sarif, range incremental", event: "push",
			payload: pushEvent("refs/heads/main", f.c2, f.c3, false),
			env:     []string{"KH_SARIF=true", "KH_RANGE=incremental"}, rng: f.c2 + ".." + f.c3, base: f.c2},
		{name: "push, range full", event: "push", payload: pushEvent("refs/heads/main", f.c2, f.c3, false),
			env: []string{"KH_RANGE=full"}, rng: f.c3},
		{name: "first push of a branch", event: "push",
			payload: pushEvent("refs/heads/feature", zeroSHA, f.f2, false),
			rng:     f.c2 + ".." + f.f2, base: f.c2},
		{name: "first push of the default branch", event: "push",
			payload: pushEvent("refs/heads/main", zeroSHA, f.c3, false), rng: f.c3},
		{name: "first push of an annotated tag", event: "push",
			payload: pushEvent("refs/tags/v1", zeroSHA, f.tag, false),
			rng:     f.c3 + ".." + f.c3, base: f.c3},
		{name: "before equals after", event: "push", payload: pushEvent("refs/heads/main", f.c3, f.c3, false),
			rng: f.c3 + ".." + f.c3, base: f.c3},
		{name: "branch deletion", event: "push", payload: pushEvent("refs/heads/feature", f.f2, zeroSHA, true),
			skip: true},
		{name: "deletion without the deleted flag", event: "push",
			payload: `{"ref":"refs/heads/x","before":"` + f.f2 + `","after":"` + zeroSHA + `"}`, skip: true},
		{name: "forced push, unknown before, branch", event: "push",
			payload: pushEvent("refs/heads/feature", unknown, f.f2, false),
			rng:     f.c2 + ".." + f.f2, base: f.c2},
		{name: "forced push, unknown before, default branch", event: "push",
			payload: pushEvent("refs/heads/main", unknown, f.c3, false), rng: f.c3},
		{name: "forced push, before not an ancestor", event: "push",
			payload: pushEvent("refs/heads/main", f.f2, f.c3, false), rng: f.f2 + ".." + f.c3, base: f.f2},
		{name: "workflow dispatch", event: "workflow_dispatch", payload: `{"inputs":{}}`, rng: f.c3},
		{name: "schedule", event: "schedule", payload: `{"schedule":"0 0 * * *"}`, rng: f.c3},
		{name: "no event", rng: f.c3},
		{name: "literal range", event: "push", env: []string{"KH_RANGE=v0..v9"}, rng: "v0..v9", base: "v0"},
		{name: "pull request without head", event: "pull_request",
			payload: `{"pull_request":{"base":{"sha":"` + f.c3 + `"}}}`, code: 2, errText: "no base and head"},
		{name: "push without payload", event: "push", code: 2, errText: "GITHUB_EVENT_PATH"},
		{name: "payload is not JSON", event: "push", payload: "{not json", code: 2, errText: "cannot read"},
		{name: "not a repository", event: "push", payload: pushEvent("refs/heads/main", f.c2, f.c3, false),
			dir: f.home, code: 2, errText: "fetch-depth: 0"},
		{name: "bad sarif input", event: "push", payload: pushEvent("refs/heads/main", f.c2, f.c3, false),
			env: []string{"KH_SARIF=maybe"}, code: 2, errText: "input sarif"},
	}
	for _, tool := range jsonTools(t) {
		for _, c := range cases {
			t.Run(tool+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				dir := c.dir
				if dir == "" {
					dir = f.work
				}
				env := append([]string{"KEYHOUND_ACTION_JSON=" + tool, "KH_PATH=" + dir}, c.env...)
				if c.event != "" {
					env = append(env, "GITHUB_EVENT_NAME="+c.event)
				}
				if c.payload != "" {
					env = append(env, "GITHUB_EVENT_PATH="+writeEvent(t, c.payload))
				}
				r := runScript(t, f.home, "range.sh", env...)
				if r.code != c.code {
					t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
				}
				if c.code != 0 {
					if !strings.Contains(r.stdout, "::error") || !strings.Contains(r.stdout, c.errText) {
						t.Errorf("stdout has no ::error annotation with %q:\n%s", c.errText, r.stdout)
					}
					return
				}
				wantSkip := map[bool]string{true: "true", false: "false"}[c.skip]
				if r.out["skip"] != wantSkip || r.out["range"] != c.rng || r.out["base"] != c.base {
					t.Errorf("skip=%q range=%q base=%q, want skip=%q range=%q base=%q\nstderr:\n%s",
						r.out["skip"], r.out["range"], r.out["base"], wantSkip, c.rng, c.base, r.stderr)
				}
				if r.out["reason"] == "" {
					t.Errorf("no reason output")
				}
				// A full scan names the commit the configuration comes
				// from: never a pull request's own head.
				wantCfg := ""
				if !c.skip && !strings.Contains(c.rng, "..") {
					wantCfg = c.rng
					if c.cfg != "" {
						wantCfg = c.cfg
					}
				}
				if c.rng == "v0..v9" || c.rng == "v9" {
					wantCfg = ""
				}
				if r.out["config-from"] != wantCfg {
					t.Errorf("config-from=%q, want %q", r.out["config-from"], wantCfg)
				}
				if real, err := filepath.EvalSymlinks(dir); err == nil && !c.skip && c.rng != "v0..v9" && r.out["root"] != real {
					t.Errorf("root=%q, want %q", r.out["root"], real)
				}
			})
		}
	}
	t.Run("unknown JSON reader", func(t *testing.T) {
		r := runScript(t, f.home, "range.sh", "KEYHOUND_ACTION_JSON=node", "KH_PATH="+f.work,
			"GITHUB_EVENT_NAME=push", "GITHUB_EVENT_PATH="+writeEvent(t, pushEvent("refs/heads/main", f.c2, f.c3, false)))
		if r.code != 2 || !strings.Contains(r.stdout, "jq or python3") {
			t.Errorf("exit %d, stdout %q: want exit 2 naming jq or python3", r.code, r.stdout)
		}
	})
}

// TestActionRangeShallow checks that a shallow checkout is deepened, and
// that the script fails, rather than scan a truncated range, when it
// cannot be.
func TestActionRangeShallow(t *testing.T) {
	needTools(t, "bash", "git")
	f := newFixture(t)
	cases := []struct {
		name      string
		event     string
		payload   string
		offline   bool // the remote is unreachable
		code      int
		rng       string
		unshallow bool
	}{
		{name: "pull request", event: "pull_request", payload: prEvent(f.c1, f.f2),
			rng: f.c1 + ".." + f.f2, unshallow: true},
		{name: "push", event: "push", payload: pushEvent("refs/heads/main", f.c1, f.c3, false),
			rng: f.c1 + ".." + f.c3, unshallow: true},
		{name: "first push of a branch", event: "push", payload: pushEvent("refs/heads/feature", zeroSHA, f.f2, false),
			rng: f.c2 + ".." + f.f2, unshallow: true},
		{name: "dispatch", event: "workflow_dispatch", payload: `{}`, rng: f.c3, unshallow: true},
		{name: "pull request, offline", event: "pull_request", payload: prEvent(f.c1, f.f2), offline: true, code: 2},
		{name: "push, offline", event: "push", payload: pushEvent("refs/heads/main", f.c2, f.c3, false), offline: true, code: 2},
		{name: "dispatch, offline: HEAD here, history not", event: "workflow_dispatch", payload: `{}`, offline: true, code: 2},
		{name: "before equals after, offline: nothing to fetch", event: "push",
			payload: pushEvent("refs/heads/main", f.c3, f.c3, false), offline: true, rng: f.c3 + ".." + f.c3},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := f.shallowClone(t, "shallow"+string(rune('a'+i)))
			if c.offline {
				git(t, f.home, dir, "remote", "set-url", "origin", filepath.Join(f.home, "gone"))
			}
			r := runScript(t, f.home, "range.sh", "KH_PATH="+dir, "GITHUB_EVENT_NAME="+c.event,
				"GITHUB_EVENT_PATH="+writeEvent(t, c.payload))
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
			}
			if c.code != 0 {
				if !strings.Contains(r.stdout, "fetch-depth: 0") {
					t.Errorf("the error does not tell to use fetch-depth: 0:\n%s", r.stdout)
				}
				return
			}
			if r.out["range"] != c.rng {
				t.Errorf("range=%q, want %q\nstderr:\n%s", r.out["range"], c.rng, r.stderr)
			}
			shallow := git(t, f.home, dir, "rev-parse", "--is-shallow-repository")
			if c.unshallow && shallow != "false" {
				t.Errorf("clone still shallow")
			}
		})
	}
}

// fakeKeyhound stands in for keyhound: it logs its arguments, prints
// $FAKE_OUT and $FAKE_ERR, writes a report of $FAKE_N findings in the
// requested format unless FAKE_RC is 2, prints keyhound's summary line
// unless given -q, and exits $FAKE_RC. FAKE_RULE, FAKE_EXCHANGE,
// FAKE_PATH and FAKE_COMMIT (JSON string contents) replace the findings'
// fields.
const fakeKeyhound = `#!/usr/bin/env bash
printf '%s\n' "$@" > "$FAKE_LOG"
format=text report= quiet=false
while [ $# -gt 0 ]; do
	case $1 in
	--format) format=$2; shift ;;
	--report) report=$2; shift ;;
	-q|--quiet) quiet=true ;;
	esac
	shift
done
printf '%s' "${FAKE_OUT:-}"
printf '%s' "${FAKE_ERR:-}" >&2
if [ "${FAKE_RC:-0}" = 2 ]; then
	echo "keyhound: history: object not found" >&2
	exit 2
fi
n=${FAKE_N:-0} items= sep=
rule=${FAKE_RULE:-binance-api-key} exchange=${FAKE_EXCHANGE:-binance}
path=${FAKE_PATH:-config.env} commit=${FAKE_COMMIT:-0123456789abcdef0123}
for ((i = 0; i < n; i++)); do
	if [ "$format" = sarif ]; then
		items="$items$sep"'{"ruleId":"'"$rule"'","message":{"text":"Binance key"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"'"$path"'"},"region":{"startLine":3}}}]}'
	else
		items="$items$sep"'{"rule_id":"'"$rule"'","exchange":"'"$exchange"'","locations":[{"commit":"'"$commit"'","path":"'"$path"'","line":3}]}'
	fi
	sep=,
done
if [ "$format" = sarif ]; then
	printf '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"keyhound"}},"results":[%s]}]}\n' "$items" > "$report"
else
	printf '{"tool":"keyhound","findings":[%s]}\n' "$items" > "$report"
fi
$quiet || echo "$n finding(s); report written to $report"
exit "${FAKE_RC:-0}"
`

func TestActionRun(t *testing.T) {
	needTools(t, "bash")
	home := t.TempDir()
	bin := filepath.Join(home, "keyhound")
	if err := os.WriteFile(bin, []byte(fakeKeyhound), 0o755); err != nil {
		t.Fatal(err)
	}
	type want struct {
		code      int
		exitCode  string
		findings  string
		sarifFile bool
		report    string // "sarif", "json" or "" for no report-file output
		stdout    string // must appear on standard output
		called    bool   // keyhound ran
	}
	cases := []struct {
		name string
		env  []string
		json string // force this JSON reader
		want want
	}{
		{name: "clean", env: []string{"FAKE_RC=0", "KH_SARIF=true"},
			want: want{code: 0, exitCode: "0", findings: "0", sarifFile: true, report: "sarif", called: true}},
		{name: "findings fail the job", env: []string{"FAKE_RC=1", "FAKE_N=3", "KH_SARIF=true"},
			want: want{code: 1, exitCode: "1", findings: "3", sarifFile: true, report: "sarif", stdout: "::error", called: true}},
		{name: "findings with fail-on-findings false", env: []string{"FAKE_RC=1", "FAKE_N=3", "KH_SARIF=true", "KH_FAIL_ON_FINDINGS=false"},
			want: want{code: 0, exitCode: "1", findings: "3", sarifFile: true, report: "sarif", stdout: "::warning", called: true}},
		{name: "error fails the job", env: []string{"FAKE_RC=2", "KH_SARIF=true"},
			want: want{code: 2, exitCode: "2", findings: "", stdout: "exit code 2", called: true}},
		{name: "error fails the job with fail-on-findings false", env: []string{"FAKE_RC=2", "KH_SARIF=true", "KH_FAIL_ON_FINDINGS=false"},
			want: want{code: 2, exitCode: "2", findings: "", stdout: "::error", called: true}},
		{name: "nothing to scan", env: []string{"KH_SKIP=true", "KH_RANGE_SPEC=", "KH_SARIF=true"},
			want: want{code: 0, exitCode: "0", findings: "0"}},
		{name: "json report", env: []string{"FAKE_RC=1", "FAKE_N=2"},
			want: want{code: 1, exitCode: "1", findings: "2", report: "json", stdout: "binance-api-key", called: true}},
		{name: "sarif summary", env: []string{"FAKE_RC=1", "FAKE_N=1", "KH_SARIF=true"},
			want: want{code: 1, exitCode: "1", findings: "1", sarifFile: true, report: "sarif", stdout: "config.env:3", called: true}},
		{name: "quiet: count from the sarif report, jq", json: "jq", env: []string{"FAKE_RC=1", "FAKE_N=4", "KH_SARIF=true", "KH_ARGS=-q"},
			want: want{code: 1, exitCode: "1", findings: "4", sarifFile: true, report: "sarif", called: true}},
		{name: "quiet: count from the sarif report, python3", json: "python3", env: []string{"FAKE_RC=1", "FAKE_N=4", "KH_SARIF=true", "KH_ARGS=-q"},
			want: want{code: 1, exitCode: "1", findings: "4", sarifFile: true, report: "sarif", called: true}},
		{name: "quiet: count from the json report, jq", json: "jq", env: []string{"FAKE_RC=1", "FAKE_N=5", "KH_ARGS=--quiet"},
			want: want{code: 1, exitCode: "1", findings: "5", report: "json", called: true}},
		{name: "quiet: count from the json report, python3", json: "python3", env: []string{"FAKE_RC=1", "FAKE_N=5", "KH_ARGS=--quiet"},
			want: want{code: 1, exitCode: "1", findings: "5", report: "json", called: true}},
		{name: "bad fail-on-findings", env: []string{"KH_FAIL_ON_FINDINGS=maybe"},
			want: want{code: 2, stdout: "fail-on-findings"}},
		{name: "no range", env: []string{"KH_RANGE_SPEC="},
			want: want{code: 2, stdout: "no range"}},
		{name: "no keyhound binary", env: []string{"KH_BIN=" + filepath.Join(home, "missing")},
			want: want{code: 127, exitCode: "127", stdout: "exit code 127"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.json != "" {
				needTools(t, c.json)
			}
			dir := t.TempDir()
			log := filepath.Join(dir, "args")
			env := []string{"KH_BIN=" + bin, "KH_PATH=repo", "KH_RANGE_SPEC=aaa..bbb",
				"KH_OUT_DIR=" + dir, "FAKE_LOG=" + log, "KEYHOUND_ACTION_JSON=" + c.json}
			r := runScript(t, home, "run.sh", append(env, c.env...)...)
			w := c.want
			if r.code != w.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, w.code, r.stdout, r.stderr)
			}
			if w.stdout != "" && !strings.Contains(r.stdout, w.stdout) {
				t.Errorf("stdout lacks %q:\n%s", w.stdout, r.stdout)
			}
			_, err := os.Stat(log)
			if called := err == nil; called != w.called {
				t.Errorf("keyhound called: %v, want %v", called, w.called)
			}
			if w.code == 2 && w.exitCode == "" {
				return // an input error: no outputs promised
			}
			if r.out["exit-code"] != w.exitCode || r.out["findings"] != w.findings {
				t.Errorf("exit-code=%q findings=%q, want %q %q\nstdout:\n%s", r.out["exit-code"], r.out["findings"], w.exitCode, w.findings, r.stdout)
			}
			wantReport := ""
			if w.report != "" {
				wantReport = filepath.Join(dir, "keyhound", "keyhound."+w.report)
			}
			wantSarif := ""
			if w.sarifFile {
				wantSarif = wantReport
			}
			if got, ok := r.out["report-file"]; !ok || got != wantReport {
				t.Errorf("report-file=%q (set: %v), want %q", got, ok, wantReport)
			}
			if got, ok := r.out["sarif-file"]; !ok || got != wantSarif {
				t.Errorf("sarif-file=%q (set: %v), want %q", got, ok, wantSarif)
			}
		})
	}

	t.Run("arguments", func(t *testing.T) {
		dir := t.TempDir()
		log := filepath.Join(dir, "args")
		r := runScript(t, home, "run.sh", "KH_BIN="+bin, "KH_PATH=some dir", "KH_RANGE_SPEC=aaa..bbb",
			"KH_OUT_DIR="+dir, "FAKE_LOG="+log, "KH_SARIF=true",
			"KH_ARGS= --pack gitleaks\n  --rules *.toml ")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		b, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		want := []string{"history", "some dir", "--range", "aaa..bbb", "--format", "sarif",
			"--report", filepath.Join(dir, "keyhound", "keyhound.sarif"), "--pack", "gitleaks", "--rules", "*.toml"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("keyhound got arguments\n%q\nwant\n%q", got, want)
		}
	})

	t.Run("config-from", func(t *testing.T) {
		dir := t.TempDir()
		log := filepath.Join(dir, "args")
		r := runScript(t, home, "run.sh", "KH_BIN="+bin, "KH_PATH=repo", "KH_RANGE_SPEC=bbb",
			"KH_CONFIG_FROM=aaa", "KH_OUT_DIR="+dir, "FAKE_LOG="+log, "KH_ARGS=--verbose")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		b, _ := os.ReadFile(log)
		if got := strings.ReplaceAll(strings.TrimSpace(string(b)), "\n", " "); !strings.HasSuffix(got, "--config-from aaa --verbose") {
			t.Errorf("keyhound got arguments %q, want --config-from aaa before the extra arguments", got)
		}
	})
}
