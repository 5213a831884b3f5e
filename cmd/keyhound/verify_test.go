package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// fakeBinance checks the key header and HMAC signature like Binance and
// reports a key that can trade and withdraw with no IP restriction.
func fakeBinance(t *testing.T, calls *int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/v3/time" {
			w.Write([]byte(`{"serverTime":` + time.Now().Format("20060102") + `}`))
			return
		}
		atomic.AddInt64(calls, 1)
		q := r.URL.RawQuery
		i := strings.LastIndex(q, "&signature=")
		m := hmac.New(sha256.New, []byte(binSecret))
		m.Write([]byte(q[:max(i, 0)]))
		if r.Header.Get("X-MBX-APIKEY") != binKey || i < 0 || hex.EncodeToString(m.Sum(nil)) != q[i+11:] {
			w.WriteHeader(400)
			w.Write([]byte(`{"code":-1022,"msg":"Signature for this request is not valid."}`))
			return
		}
		w.Write([]byte(`{"ipRestrict":false,"enableReading":true,"enableWithdrawals":true,"enableInternalTransfer":false,"enableMargin":false,"enableFutures":false,"permitsUniversalTransfer":false,"enableVanillaOptions":false,"enableSpotAndMarginTrading":true,"enablePortfolioMarginTrading":false}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestHistoryVerify(t *testing.T) {
	dir := t.TempDir()
	repo, _ := git.PlainInit(dir, false)
	wt, _ := repo.Worktree()
	sig := func(s int) *object.Signature {
		return &object.Signature{Name: "eve", Email: "e@example.com", When: time.Date(2024, 4, 1, 0, 0, s, 0, time.UTC)}
	}
	// The same credential in several commits and files: verified once.
	for i, name := range []string{"a.env", "b.env", "c/d.env"} {
		write(t, dir, name, envText)
		wt.Add(name)
		wt.Commit("add "+name, &git.CommitOptions{Author: sig(i)})
	}
	var calls int64
	srv := fakeBinance(t, &calls)
	r := keyhound(t, dir, "", "history", "--verify", "--endpoint", "binance="+srv.URL)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"LIVE", "risk CRITICAL", "withdraw yes", "IP allow-list: no", "endpoint overridden", "verification endpoints overridden"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout+r.stderr, binSecret) {
		t.Error("the secret leaked into the output")
	}
	if calls := atomic.LoadInt64(&calls); calls != 1 {
		t.Errorf("permission endpoint called %d times for one credential, want 1", calls)
	}
	// JSON carries the verification object, and the environment variable
	// works as the flag does.
	cmd := keyhoundEnv(t, dir, []string{"KEYHOUND_ENDPOINT_BINANCE=" + srv.URL}, "history", "--verify", "-f", "json")
	var rep struct {
		Findings []struct {
			Verification *struct {
				Status      string           `json:"status"`
				Risk        string           `json:"risk"`
				Permissions map[string]*bool `json:"permissions"`
				IP          *bool            `json:"ip_restricted"`
			} `json:"verification"`
		} `json:"findings"`
		Overrides map[string]string `json:"endpoint_overrides"`
	}
	if err := json.Unmarshal([]byte(cmd.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, cmd.stdout)
	}
	v := rep.Findings[0].Verification
	if v == nil || v.Status != "live" || v.Risk != "critical" || v.Permissions["withdraw"] == nil || !*v.Permissions["withdraw"] || v.Permissions["futures"] == nil || v.IP == nil || *v.IP {
		t.Errorf("verification JSON: %+v", v)
	}
	if rep.Overrides["binance"] != srv.URL {
		t.Errorf("overrides not reported: %v", rep.Overrides)
	}
	// Filters: --min-risk critical keeps it; --only-live keeps it.
	if r := keyhound(t, dir, "", "history", "--verify", "--endpoint", "binance="+srv.URL, "--min-risk", "critical"); r.code != 1 {
		t.Errorf("--min-risk critical: exit %d", r.code)
	}
	// Flag errors exit 2.
	for _, args := range [][]string{
		{"history", "--only-live"},
		{"history", "--verify", "--min-risk", "extreme"},
		{"history", "--verify", "--endpoint", "nosuch=http://127.0.0.1:1"},
		{"history", "--verify", "--endpoint", "binance"},
	} {
		if r := keyhound(t, dir, "", args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
	}
}

func TestVerifyCommand(t *testing.T) {
	var calls int64
	srv := fakeBinance(t, &calls)
	dir := t.TempDir()
	in := "key=" + binKey + "\nsecret=" + binSecret + "\n"
	r := keyhound(t, dir, in, "verify", "--exchange", "binance", "--endpoint", "binance="+srv.URL)
	if r.code != 1 || !strings.Contains(r.stdout, "LIVE") || !strings.Contains(r.stdout, "CRITICAL") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// From the environment.
	r = keyhoundEnv(t, dir, []string{"KEYHOUND_KEY=" + binKey, "KEYHOUND_SECRET=wrong" + binSecret[5:], "KEYHOUND_ENDPOINT_BINANCE=" + srv.URL}, "verify", "--exchange", "binance")
	if r.code != 2 || !strings.Contains(r.stdout, "INDETERMINATE") {
		t.Errorf("wrong secret: exit %d\n%s", r.code, r.stdout)
	}
	// No credential, unknown exchange: errors.
	if r := keyhound(t, dir, "", "verify", "--exchange", "binance"); r.code != 2 {
		t.Errorf("no credential: exit %d", r.code)
	}
	if r := keyhound(t, dir, in, "verify", "--exchange", "nosuch"); r.code != 2 {
		t.Errorf("unknown exchange: exit %d", r.code)
	}
}
