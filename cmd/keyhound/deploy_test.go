package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/keyhound/keyhound/fleet"
)

// The engine configurations under deploy/ cannot rot: every keyhound
// command line they hold is parsed by the CLI's own flag parser, and the
// shard counts agree with the engines' (matrix size, completions).

// yamlDocs reads every document of a YAML file.
func yamlDocs(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var out []map[string]any
	for {
		var d map[string]any
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, d)
	}
}

// scripts returns the shell scripts of a YAML tree that run keyhound:
// GitHub Actions' run steps, Kubernetes containers' command and args.
func scripts(v any) []string {
	var out []string
	var walk func(v any, inScript bool)
	walk = func(v any, inScript bool) {
		switch x := v.(type) {
		case string:
			if inScript && regexp.MustCompile(`(^|[\s;&|(])keyhound\s`).MatchString(x) {
				out = append(out, x)
			}
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k], k == "run" || k == "command" || k == "args")
			}
		case []any:
			for _, e := range x {
				walk(e, inScript)
			}
		}
	}
	walk(v, false)
	return out
}

var (
	ghExpr    = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)
	arith     = regexp.MustCompile(`^\$\(\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\+\s*(\d+)\s*\)\)$`)
	shellVar  = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?`)
	assign    = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)=(.+)$`)
	operators = regexp.MustCompile(`\s(\|\||&&|;|\||>>?|2>)\s`)
)

// commandLines expands a shell script with the given variables and
// returns the argument lists of its keyhound commands (without
// "keyhound"), cut at the first shell operator.
func commandLines(t *testing.T, script string, vars map[string]string) [][]string {
	t.Helper()
	script = strings.ReplaceAll(script, "\\\n", " ")
	script = ghExpr.ReplaceAllStringFunc(script, func(m string) string {
		name := ghExpr.FindStringSubmatch(m)[1]
		if v, ok := vars[name]; ok {
			return v
		}
		return "EXPR"
	})
	var out [][]string
	for _, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		if m := assign.FindStringSubmatch(line); m != nil {
			val := m[2]
			if a := arith.FindStringSubmatch(val); a != nil {
				base, _ := strconv.Atoi(vars[a[1]])
				k, _ := strconv.Atoi(a[2])
				val = strconv.Itoa(base + k)
			}
			vars[m[1]] = val
			continue
		}
		i := strings.Index(line, "keyhound ")
		if i < 0 || (i > 0 && !strings.ContainsAny(line[i-1:i], " ;&|(")) {
			continue
		}
		cmd := line[i+len("keyhound "):]
		if loc := operators.FindStringIndex(" " + cmd + " "); loc != nil {
			cmd = cmd[:max(loc[0]-1, 0)]
		}
		cmd = shellVar.ReplaceAllStringFunc(cmd, func(m string) string {
			if v, ok := vars[shellVar.FindStringSubmatch(m)[1]]; ok {
				return v
			}
			return m
		})
		words, err := shellWords(cmd)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		out = append(out, words)
	}
	return out
}

// shellWords splits a command as sh does for quotes and backslashes.
func shellWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		case c == ' ' || c == '\t':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed quote")
	}
	if in {
		out = append(out, cur.String())
	}
	return out, nil
}

// checkCommand runs args through keyhound's command tree and flag
// parser, as the CLI would, without running the command. It returns the
// command's path ("keyhound fleet scan") and the flags set.
func checkCommand(args []string) (string, map[string]string, error) {
	code := 0
	line := "keyhound " + strings.Join(args, " ")
	root := newRoot(context.Background(), strings.NewReader(""), io.Discard, io.Discard, &code)
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == root || !cmd.Runnable() {
		return "", nil, fmt.Errorf("%s: not a command (%v)", line, err)
	}
	if err := cmd.ParseFlags(rest); err != nil {
		return "", nil, fmt.Errorf("%s: %w", line, err)
	}
	if err := cmd.ValidateArgs(cmd.Flags().Args()); err != nil {
		return "", nil, fmt.Errorf("%s: %w", line, err)
	}
	set := map[string]string{}
	for _, name := range []string{"units", "shard", "out", "format", "report", "github-org", "repos", "cache"} {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
			set[name] = f.Value.String()
		}
	}
	if f := set["format"]; f != "" && !strings.Contains(" text json jsonl sarif ", " "+f+" ") {
		return "", nil, fmt.Errorf("%s: --format %s", line, f)
	}
	switch cmd.CommandPath() {
	case "keyhound fleet scan":
		for _, req := range []string{"units", "shard", "out"} {
			if set[req] == "" {
				return "", nil, fmt.Errorf("%s: fleet scan without --%s", line, req)
			}
		}
		if _, err := fleet.ParseShard(set["shard"]); err != nil {
			return "", nil, fmt.Errorf("%s: %w", line, err)
		}
	case "keyhound fleet plan":
		if (set["repos"] == "") == (set["github-org"] == "") {
			return "", nil, fmt.Errorf("%s: fleet plan needs one of --repos and --github-org", line)
		}
	}
	return cmd.CommandPath(), set, nil
}

// mustCommand is checkCommand failing the test.
func mustCommand(t *testing.T, where string, args []string) (string, map[string]string) {
	t.Helper()
	p, set, err := checkCommand(args)
	if err != nil {
		t.Errorf("%s: %v", where, err)
	}
	return p, set
}

// checkShards runs the scan commands of a configuration once per shard
// the engine starts and checks they name shards 1..n of n.
func checkShards(t *testing.T, where string, n int, shardArg func(i int) []string) {
	t.Helper()
	seen := map[int]bool{}
	for i := 0; i < n; i++ {
		_, set := mustCommand(t, where, shardArg(i))
		sh, err := fleet.ParseShard(set["shard"])
		if err != nil {
			t.Errorf("%s: engine index %d: %v", where, i, err)
			continue
		}
		if sh.Count != n {
			t.Errorf("%s: --shard %s, but the engine runs %d shards", where, sh, n)
		}
		seen[sh.Index] = true
	}
	if len(seen) != n {
		t.Errorf("%s: the engine's %d runs scan shards %v", where, n, seen)
	}
}

func TestDeployGitHubActions(t *testing.T) {
	path := filepath.Join(repoRoot(t), "deploy", "github-actions", "keyhound-fleet.yml")
	docs := yamlDocs(t, path)
	if len(docs) != 1 {
		t.Fatalf("%s: %d documents", path, len(docs))
	}
	wf := docs[0]
	jobs, _ := wf["jobs"].(map[string]any)
	scanJob, _ := jobs["scan"].(map[string]any)
	mergeJob, _ := jobs["merge"].(map[string]any)
	if scanJob == nil || mergeJob == nil {
		t.Fatalf("%s: want jobs scan and merge", path)
	}
	matrix, _ := scanJob["strategy"].(map[string]any)["matrix"].(map[string]any)["shard"].([]any)
	if len(matrix) == 0 {
		t.Fatalf("%s: no matrix of shards", path)
	}
	env := map[string]string{}
	for k, v := range wf["env"].(map[string]any) {
		env["env."+k] = fmt.Sprint(v)
	}
	seen := map[string]bool{}
	for _, s := range scripts(wf) {
		vars := map[string]string{"matrix.shard": "1", "github.repository_owner": "acme"}
		for k, v := range env {
			vars[k] = v
		}
		for _, args := range commandLines(t, s, vars) {
			p, _ := mustCommand(t, path, args)
			seen[p] = true
		}
	}
	for _, want := range []string{"keyhound fleet plan", "keyhound fleet scan", "keyhound fleet merge"} {
		if !seen[want] {
			t.Errorf("%s: no %s (found %v)", path, want, seen)
		}
	}
	// Each matrix entry scans its own shard of len(matrix).
	scanScripts := scripts(scanJob)
	checkShards(t, path, len(matrix), func(i int) []string {
		vars := map[string]string{"matrix.shard": fmt.Sprint(matrix[i])}
		for k, v := range env {
			vars[k] = v
		}
		for _, s := range scanScripts {
			for _, args := range commandLines(t, s, vars) {
				if len(args) > 1 && args[1] == "scan" {
					return args
				}
			}
		}
		t.Fatalf("%s: the scan job runs no fleet scan", path)
		return nil
	})
	// The merge job uploads the SARIF it writes.
	var uploads bool
	for _, st := range mergeJob["steps"].([]any) {
		if uses, _ := st.(map[string]any)["uses"].(string); strings.HasPrefix(uses, "github/codeql-action/upload-sarif") {
			uploads = true
		}
	}
	if !uploads || mergeJob["permissions"].(map[string]any)["security-events"] != "write" {
		t.Errorf("%s: the merge job must upload SARIF with security-events: write", path)
	}
}

func TestDeployKubernetes(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "deploy", "kubernetes")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) == 0 {
		t.Fatalf("no manifests in %s", dir)
	}
	seen := map[string]bool{}
	var indexed map[string]any
	kinds := map[string]bool{}
	for _, f := range files {
		for _, d := range yamlDocs(t, f) {
			kinds[fmt.Sprint(d["kind"])] = true
			if d["apiVersion"] == nil || d["kind"] == nil || d["metadata"] == nil {
				t.Errorf("%s: a document without apiVersion, kind or metadata", f)
			}
			spec, _ := d["spec"].(map[string]any)
			if d["kind"] == "Job" && spec["completionMode"] == "Indexed" {
				indexed = d
			}
			for _, s := range scripts(d) {
				for _, args := range commandLines(t, s, map[string]string{"JOB_COMPLETION_INDEX": "0", "ORG": "acme"}) {
					p, _ := mustCommand(t, f, args)
					seen[p] = true
				}
			}
		}
	}
	for _, want := range []string{"keyhound fleet plan", "keyhound fleet scan", "keyhound fleet merge"} {
		if !seen[want] {
			t.Errorf("%s: no %s (found %v)", dir, want, seen)
		}
	}
	if !kinds["PersistentVolumeClaim"] || indexed == nil {
		t.Fatalf("%s: want a PersistentVolumeClaim and an Indexed Job (kinds %v)", dir, kinds)
	}
	spec := indexed["spec"].(map[string]any)
	n, _ := spec["completions"].(int)
	if p, _ := spec["parallelism"].(int); n == 0 || p == 0 {
		t.Fatalf("Indexed Job: completions %v, parallelism %v", spec["completions"], spec["parallelism"])
	}
	scanScripts := scripts(indexed)
	checkShards(t, "the Indexed Job", n, func(i int) []string {
		for _, s := range scanScripts {
			for _, args := range commandLines(t, s, map[string]string{"JOB_COMPLETION_INDEX": strconv.Itoa(i)}) {
				if len(args) > 1 && args[1] == "scan" {
					return args
				}
			}
		}
		t.Fatal("the Indexed Job runs no fleet scan")
		return nil
	})
}

func TestDeployCheckerCatchesRot(t *testing.T) {
	// The checker itself fails on what rot looks like.
	for _, bad := range [][]string{
		{"fleet", "scan", "--units", "u", "--shard", "1/2", "--out", "o", "--no-such-flag"},
		{"fleet", "scann", "--units", "u"},
		{"fleet", "scan", "--units", "u", "--out", "o"},
		{"fleet", "merge"},
		{"fleet", "scan", "--units", "u", "--shard", "3/2", "--out", "o"},
		{"fleet", "merge", "d", "--format", "xml"},
		{"fleet", "plan"},
	} {
		if _, _, err := checkCommand(bad); err == nil {
			t.Errorf("keyhound %s passed the check", strings.Join(bad, " "))
		}
	}
	vars := map[string]string{"JOB_COMPLETION_INDEX": "3"}
	got := commandLines(t, "SHARD=$((JOB_COMPLETION_INDEX + 1))\nkeyhound fleet scan --shard \"$SHARD/8\" --out '/data/x y' || test $? -le 2", vars)
	if len(got) != 1 || strings.Join(got[0], "|") != "fleet|scan|--shard|4/8|--out|/data/x y" {
		t.Errorf("commandLines = %q", got)
	}
}

// TestReadmeFleetCommands: the README's fleet section shows commands
// the CLI accepts.
func TestReadmeFleetCommands(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "## Fleet")
	if i < 0 {
		t.Fatal("README has no Fleet section")
	}
	s = s[i:]
	if j := strings.Index(s[3:], "\n## "); j >= 0 {
		s = s[:j+3]
	}
	n := 0
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "keyhound ") {
			continue
		}
		for _, args := range commandLines(t, line, map[string]string{}) {
			mustCommand(t, "README", args)
			n++
		}
	}
	if n < 4 {
		t.Errorf("the README's Fleet section shows %d keyhound commands, want plan, scan and merge", n)
	}
}
