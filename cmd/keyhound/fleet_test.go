package main

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/keyhound/keyhound/fleet"
	"github.com/keyhound/keyhound/report"
)

// gitRepoWith makes a repository at dir with one commit per map, each
// file written then committed; it returns the last commit's id.
func gitRepoWith(t *testing.T, dir string, commits ...map[string]string) string {
	t.Helper()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		r, err = git.PlainOpen(dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	w, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	var last string
	for i, files := range commits {
		for name, content := range files {
			write(t, dir, name, content)
			if _, err := w.Add(name); err != nil {
				t.Fatal(err)
			}
		}
		h, err := w.Commit("commit "+string(rune('a'+i)), &git.CommitOptions{Author: &object.Signature{Name: "Dev", Email: "dev@example.com", When: time.Date(2024, 1, 2+i, 0, 0, 0, 0, time.UTC)}})
		if err != nil {
			t.Fatal(err)
		}
		last = h.String()
	}
	return last
}

// removeBlob deletes a loose blob from a repository: a damaged object
// store, as a bad disk or a partial copy leaves it.
func removeBlob(t *testing.T, dir, content string) {
	t.Helper()
	h := hashBlob(content)
	p := filepath.Join(dir, ".git", "objects", h[:2], h[2:])
	if err := os.Remove(p); err != nil {
		t.Fatalf("removing blob %s: %v", h, err)
	}
}

// hashBlob is git's id of a blob holding content.
func hashBlob(content string) string {
	h := sha1.Sum([]byte(fmt.Sprintf("blob %d\x00%s", len(content), content)))
	return hex.EncodeToString(h[:])
}

// start runs the built keyhound in the background.
func start(t *testing.T, dir string, env []string, args ...string) (wait func() result) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	cmd := exec.CommandContext(ctx, keyhoundBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return func() result {
		defer cancel()
		err := cmd.Wait()
		if ctx.Err() != nil {
			t.Fatalf("keyhound %v blocked", args)
		}
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return result{code, out.String(), errb.String()}
	}
}

func manifestOf(t *testing.T, dir string) *fleet.Manifest {
	t.Helper()
	m, err := fleet.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// fleetSetup makes five repositories (two sharing one credential, one
// with a missing object), the list naming them, and the plan.
func fleetSetup(t *testing.T) (root string, ids map[string]string) {
	root = t.TempDir()
	other := "BINANCE_API_KEY=" + reverse(binKey) + "\nBINANCE_API_SECRET=" + reverse(binSecret) + "\n"
	gitRepoWith(t, filepath.Join(root, "alpha"), map[string]string{"README.md": "alpha\n"}, map[string]string{"bot/.env": envText})
	gitRepoWith(t, filepath.Join(root, "bravo"), map[string]string{"deploy/.env": envText})
	gitRepoWith(t, filepath.Join(root, "charlie"), map[string]string{"main.go": "package main\n"})
	gitRepoWith(t, filepath.Join(root, "delta"), map[string]string{"conf/.env": other})
	damaged := "this blob goes missing\n"
	gitRepoWith(t, filepath.Join(root, "echo"), map[string]string{"lost.txt": damaged, "ok.txt": "fine\n"})
	removeBlob(t, filepath.Join(root, "echo"), damaged)
	list := "# the organisation\nalpha\n./bravo\n" + filepath.Join(root, "charlie") + "\nfile://" + filepath.Join(root, "delta") + "\necho\n"
	write(t, root, "repos.txt", list)
	r := keyhound(t, root, "", "fleet", "plan", "--repos", "repos.txt", "--out", "units.jsonl")
	if r.code != 0 {
		t.Fatalf("plan: exit %d\n%s", r.code, r.stderr)
	}
	ids = map[string]string{}
	for _, n := range []string{"alpha", "bravo", "charlie", "delta", "echo"} {
		ids[n] = filepath.Join(root, n)
	}
	return root, ids
}

func TestFleetEndToEnd(t *testing.T) {
	needGitBinary(t) // go-git clones local paths through git-upload-pack
	root, ids := fleetSetup(t)
	units, err := fleet.ReadUnits(filepath.Join(root, "units.jsonl"))
	if err != nil || len(units) != 5 {
		t.Fatalf("plan: %d units, %v", len(units), err)
	}
	// Two shards in separate processes, sharing one cache.
	w1 := start(t, root, nil, "fleet", "scan", "--units", "units.jsonl", "--shard", "1/2", "--out", "shard-1", "--cache", "cache")
	w2 := start(t, root, nil, "fleet", "scan", "--units", "units.jsonl", "--shard", "2/2", "--out", "shard-2", "--cache", "cache")
	r1, r2 := w1(), w2()
	m1, m2 := manifestOf(t, filepath.Join(root, "shard-1")), manifestOf(t, filepath.Join(root, "shard-2"))
	if got := len(m1.Repositories) + len(m2.Repositories); got != 5 || len(m1.Repositories) == 0 || len(m2.Repositories) == 0 {
		t.Fatalf("shards hold %d and %d repositories, want 5 between them", len(m1.Repositories), len(m2.Repositories))
	}
	damagedShard := 0
	for i, m := range []*fleet.Manifest{m1, m2} {
		for _, r := range m.Repositories {
			if r.ID == ids["echo"] {
				damagedShard = i + 1
				if r.Complete || len(r.Problems) == 0 {
					t.Errorf("damaged repository: %+v, want incomplete with a problem", r)
				}
			} else if !r.Complete || r.Status != fleet.StatusScanned || len(r.Tips) != 1 {
				t.Errorf("repository %s: %+v, want scanned complete at one tip", r.ID, r)
			}
		}
	}
	for i, r := range []result{r1, r2} {
		want := 1
		if i+1 == damagedShard {
			want = 2
		}
		if r.code != want && !(r.code == 0 && want == 1) {
			t.Errorf("shard %d: exit %d, want %d\n%s", i+1, r.code, want, r.stderr)
		}
	}
	// Merge: one finding for the shared credential, naming both
	// repositories; the damaged repository named; exit 2.
	mr := keyhound(t, root, "", "fleet", "merge", "shard-1", "shard-2", "-f", "json")
	if mr.code != 2 {
		t.Errorf("merge: exit %d, want 2\n%s", mr.code, mr.stderr)
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(mr.stdout), &rep); err != nil {
		t.Fatalf("merge output: %v\n%s", err, mr.stdout)
	}
	var shared *report.Finding
	for i, f := range rep.Findings {
		if strings.HasPrefix(f.Parts[0].Value, binKey[:4]) {
			if shared != nil {
				t.Errorf("the shared credential is reported twice")
			}
			shared = &rep.Findings[i]
		}
	}
	if shared == nil || len(rep.Findings) != 2 {
		t.Fatalf("findings %+v, want the shared credential and delta's", rep.Findings)
	}
	var repos []string
	for _, l := range shared.Locations {
		repos = append(repos, l.Repository)
	}
	sort.Strings(repos)
	if strings.Join(repos, ",") != ids["alpha"]+","+ids["bravo"] {
		t.Errorf("shared credential locations name %v, want alpha and bravo", repos)
	}
	if strings.Contains(mr.stdout, binSecret) || strings.Contains(mr.stderr, binSecret) {
		t.Error("merge output holds the secret")
	}
	if !strings.Contains(strings.Join(rep.Errors, "\n"), ids["echo"]) || !strings.Contains(mr.stderr, ids["echo"]) {
		t.Errorf("the damaged repository is not named: errors %q, stderr %q", rep.Errors, mr.stderr)
	}
	// A baseline (a previous merged report) drops what it holds.
	write(t, root, "baseline.json", mr.stdout)
	based := keyhound(t, root, "", "fleet", "merge", "shard-1", "shard-2", "-f", "json", "--baseline", "baseline.json")
	var rb report.Report
	if err := json.Unmarshal([]byte(based.stdout), &rb); err != nil || len(rb.Findings) != 0 || based.code != 2 {
		t.Errorf("merge with the baseline: exit %d, %d findings, %v", based.code, len(rb.Findings), err)
	}
	// The second run of a shard skips what is done.
	again := keyhound(t, root, "", "fleet", "scan", "--units", "units.jsonl", "--shard", "1/2", "--out", "shard-1", "--cache", "cache")
	m1b := manifestOf(t, filepath.Join(root, "shard-1"))
	for _, r := range m1b.Repositories {
		switch {
		case r.ID == ids["echo"]:
			if r.Status != fleet.StatusFailed && r.Complete {
				t.Errorf("damaged repository on the second run: %+v", r)
			}
		case r.Status != fleet.StatusSkipped:
			t.Errorf("second run: %s %s, want skipped\n%s", r.ID, r.Status, again.stderr)
		}
	}
	b1, _ := os.ReadFile(filepath.Join(root, "shard-1", fleet.FindingsFile))
	if n := bytes.Count(b1, []byte("\n")); n != len(findingsOf(m1)) {
		t.Errorf("second run's findings.jsonl has %d lines, the first run found %d", n, len(findingsOf(m1)))
	}
	// A merge missing a shard names it.
	one := keyhound(t, root, "", "fleet", "merge", "shard-1", "-f", "json")
	if one.code != 2 || !strings.Contains(one.stderr, "shard 2/2") {
		t.Errorf("merge of one shard of two: exit %d, stderr %q", one.code, one.stderr)
	}
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func findingsOf(m *fleet.Manifest) []int {
	var out []int
	for _, r := range m.Repositories {
		for i := 0; i < r.Findings; i++ {
			out = append(out, i)
		}
	}
	return out
}

func TestFleetPlanGitHubOrg(t *testing.T) {
	const token = "ghp_CLItoken0123456789abcdefABCDEF012345"
	var pages int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message":"Bad credentials"}`)
			return
		}
		pages++
		if r.URL.Query().Get("page") == "" {
			if pages == 1 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			w.Header().Set("Link", `</orgs/acme/repos?per_page=100&page=2>; rel="next"`)
			fmt.Fprint(w, `[{"name":"api","full_name":"acme/api","clone_url":"https://github.com/acme/api.git"},{"name":"f","full_name":"acme/f","clone_url":"https://github.com/acme/f.git","fork":true}]`)
			return
		}
		fmt.Fprint(w, `[{"name":"web","full_name":"acme/web","clone_url":"https://github.com/acme/web.git","archived":true},{"name":"bot","full_name":"acme/bot","clone_url":"https://github.com/acme/bot.git"}]`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	r := keyhoundEnv(t, dir, []string{"GITHUB_TOKEN=" + token}, "fleet", "plan", "--github-org", "acme", "--github-api-url", srv.URL, "-v")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if got := strings.Count(r.stdout, "\n"); got != 2 || !strings.Contains(r.stdout, `"id":"github.com/acme/api"`) || !strings.Contains(r.stdout, `"id":"github.com/acme/bot"`) {
		t.Errorf("plan:\n%s\nwant api and bot", r.stdout)
	}
	if !strings.Contains(r.stderr, "GitHub API overridden: "+srv.URL) {
		t.Errorf("the override is not flagged: %q", r.stderr)
	}
	bad := keyhoundEnv(t, dir, []string{"GITHUB_TOKEN=ghp_EXPIRED0123456789abcdefABCDEF0123456"}, "fleet", "plan", "--github-org", "acme", "--github-api-url", srv.URL)
	if bad.code != 2 || !strings.Contains(bad.stderr, "expired, revoked or mistyped") {
		t.Errorf("expired token: exit %d, stderr %q", bad.code, bad.stderr)
	}
	for _, out := range []string{r.stdout, r.stderr, bad.stdout, bad.stderr} {
		if strings.Contains(out, token) || strings.Contains(out, "ghp_EXPIRED") {
			t.Errorf("the token is in the output: %q", out)
		}
	}
}

func TestFleetVerifiesEachCredentialOnce(t *testing.T) {
	needGitBinary(t)
	root, _ := fleetSetup(t)
	var mu sync.Mutex
	calls := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/v3/time" {
			fmt.Fprintf(w, `{"serverTime":%d}`, time.Now().UnixMilli())
			return
		}
		key := r.Header.Get("X-MBX-APIKEY")
		mu.Lock()
		calls[key]++
		mu.Unlock()
		if key != binKey {
			w.WriteHeader(400)
			fmt.Fprint(w, `{"code":-2014,"msg":"API-key format invalid."}`)
			return
		}
		fmt.Fprint(w, `{"ipRestrict":false,"enableReading":true,"enableWithdrawals":false,"enableSpotAndMarginTrading":false}`)
	}))
	defer srv.Close()
	snapshot := func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		out := map[string]int{}
		for k, v := range calls {
			out[k] = v
		}
		return out
	}
	// What one verification of each credential costs.
	for _, key := range []string{binKey, reverse(binKey)} {
		secret := binSecret
		if key != binKey {
			secret = reverse(binSecret)
		}
		keyhound(t, root, "key="+key+"\nsecret="+secret+"\n", "verify", "--exchange", "binance", "--endpoint", "binance="+srv.URL)
	}
	once := snapshot()
	if once[binKey] == 0 || once[reverse(binKey)] == 0 {
		t.Fatalf("baseline verification made no calls: %v", once)
	}
	// Five shards: every repository in its own, so the shared credential
	// is in two shards.
	var waits []func() result
	for i := 1; i <= 5; i++ {
		waits = append(waits, start(t, root, nil, "fleet", "scan", "--units", "units.jsonl", "--shard", fmt.Sprintf("%d/5", i), "--out", fmt.Sprintf("s%d", i), "--keep-secrets", "-q"))
	}
	for _, w := range waits {
		w()
	}
	args := []string{"fleet", "merge", "s1", "s2", "s3", "s4", "s5", "-f", "json", "--verify", "--endpoint", "binance=" + srv.URL, "--verify-cache", "verified.json"}
	mr := keyhound(t, root, "", args...)
	after := snapshot()
	for k, n := range once {
		if after[k]-n != n {
			t.Errorf("merge made %d calls for key %s…, one verification makes %d", after[k]-n, k[:6], n)
		}
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(mr.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, mr.stderr)
	}
	live := 0
	for _, f := range rep.Findings {
		if f.Verification == nil {
			t.Errorf("finding %s not verified", f.Fingerprint)
		} else if f.Verification.Status == "live" {
			live++
			if len(f.Locations) != 2 {
				t.Errorf("the live credential has %d locations, want its two repositories", len(f.Locations))
			}
			// Judged by the policy as on a scan: no IP allow-list is a warning.
			if f.Policy == nil || len(f.Policy.Violations) == 0 || f.Policy.Violations[0].Rule != "no-ip-allowlist" || f.Remediation == nil {
				t.Errorf("the live credential's verdict %+v, remediation %+v", f.Policy, f.Remediation)
			}
		}
	}
	if live != 1 || mr.code != 2 || !strings.Contains(mr.stderr, "endpoint") {
		t.Errorf("live %d, exit %d (the damaged repository makes it 2), stderr %q", live, mr.code, mr.stderr)
	}
	// A second merge within the TTL asks nothing; past it, asks again.
	again := keyhound(t, root, "", args...)
	if now := snapshot(); now[binKey] != after[binKey] || now[reverse(binKey)] != after[reverse(binKey)] || !strings.Contains(again.stderr, "verified 0, 2 from the cache") {
		t.Errorf("second merge made calls (%v against %v); stderr %q", now, after, again.stderr)
	}
	keyhound(t, root, "", append(args, "--verify-ttl", "1ns")...)
	if now := snapshot(); now[binKey] != after[binKey]+once[binKey] {
		t.Errorf("past the TTL: %d calls, want %d", now[binKey], after[binKey]+once[binKey])
	}
	cache, _ := os.ReadFile(filepath.Join(root, "verified.json"))
	for _, out := range []string{mr.stdout, mr.stderr, again.stdout, string(cache)} {
		if strings.Contains(out, binSecret) || strings.Contains(out, reverse(binSecret)) {
			t.Errorf("a secret is in the merge's output or cache: %.200s", out)
		}
	}
	// Shards scanned redacted cannot be verified: said, not skipped.
	keyhound(t, root, "", "fleet", "scan", "--units", "units.jsonl", "--shard", "1/1", "--out", "redacted", "-q")
	red := keyhound(t, root, "", "fleet", "merge", "redacted", "--verify", "--endpoint", "binance="+srv.URL)
	if red.code != 2 || !strings.Contains(red.stderr, "--keep-secrets") {
		t.Errorf("verify of redacted shards: exit %d, stderr %q", red.code, red.stderr)
	}
}

func TestFleetFlagsThatDoNotApply(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "units.jsonl", `{"id":"/nonexistent","source":"/nonexistent"}`+"\n")
	for _, args := range [][]string{
		{"fleet", "scan", "--units", "units.jsonl", "--shard", "1/1", "--out", "o", "--verify"},
		{"fleet", "scan", "--units", "units.jsonl", "--shard", "1/1", "--out", "o", "-f", "sarif"},
		{"fleet", "scan", "--units", "units.jsonl", "--shard", "1/1", "--out", "o", "--no-redact"},
		{"fleet", "plan", "--repos", "units.jsonl", "--baseline", "b.json"},
	} {
		r := keyhound(t, dir, "", args...)
		if r.code != 2 || !strings.Contains(r.stderr, "does not apply to keyhound fleet") {
			t.Errorf("keyhound %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o")); err == nil {
		t.Error("a refused scan wrote its output directory")
	}
}
