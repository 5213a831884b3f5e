package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
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

// fakeJSON serves a fixed JSON reply per path; requests to the signed
// path must carry the key in keyHeader.
func fakeJSON(t *testing.T, keyHeader, key string, replies map[string]string, status map[string]int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		body, ok := replies[r.URL.Path]
		if !ok {
			w.WriteHeader(404)
			w.Write([]byte(`{"msg":"not found"}`))
			return
		}
		if code := status[r.URL.Path]; code != 0 {
			if r.Header.Get(keyHeader) != key {
				t.Errorf("%s: key header %s = %q", r.URL.Path, keyHeader, r.Header.Get(keyHeader))
			}
			w.WriteHeader(code)
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestHistoryVerifySeveralExchanges: keys for four exchanges in a
// repository's history, verified against local servers shaped like each
// exchange's documented replies, give four verdicts and risk levels.
func TestHistoryVerifySeveralExchanges(t *testing.T) {
	dir := t.TempDir()
	repo, _ := git.PlainInit(dir, false)
	wt, _ := repo.Worktree()
	files := map[string]string{
		"binance.env": envText,
		"okx.env":     "OKX_API_KEY=0fdca03f-4788-487f-aa3f-0306bdf5d762\nOKX_SECRET_KEY=766E572CE85BE6A65031944F607A8657\nOKX_PASSPHRASE=M-GEuFN7VR63\n",
		"kucoin.env":  "KUCOIN_API_KEY=c9d0540e780be15d391de47b\nKUCOIN_SECRET_KEY=36be6e46-e89b-4b10-9c2d-67adf7ab0d95\nKUCOIN_PASSPHRASE=c3lz_kh6nJgB\n",
		"bybit.env":   "BYBIT_API_KEY=47q7N1kvjal4chBQrX\nBYBIT_API_SECRET=WkbA6FMbHR24Lnt2dvbIUPntfT6vyMl9ozRy\n",
	}
	i := 0
	for name, content := range files {
		write(t, dir, name, content)
		wt.Add(name)
		wt.Commit("add "+name, &git.CommitOptions{Author: &object.Signature{Name: "m", Email: "m@example.com", When: time.Date(2024, 5, 1, 0, 0, i, 0, time.UTC)}})
		i++
	}
	var calls int64
	binance := fakeBinance(t, &calls)
	now := time.Now()
	okx := fakeJSON(t, "OK-ACCESS-KEY", "0fdca03f-4788-487f-aa3f-0306bdf5d762", map[string]string{
		"/api/v5/public/time":    `{"code":"0","msg":"","data":[{"ts":"` + strconvMS(now) + `"}]}`,
		"/api/v5/account/config": `{"code":"0","msg":"","data":[{"acctLv":"1","label":"reporting","mainUid":"44705892343619584","uid":"44705892343619584","perm":"read_only","ip":"","roleType":"0"}]}`,
	}, map[string]int{"/api/v5/account/config": 200})
	kucoin := fakeJSON(t, "KC-API-KEY", "c9d0540e780be15d391de47b", map[string]string{
		"/api/v1/timestamp":    `{"code":"200000","data":` + strconvMS(now) + `}`,
		"/api/v1/user/api-key": `{"code":"400006","msg":"Invalid request ip, the current clientIp is:1.2.3.4"}`,
	}, map[string]int{"/api/v1/user/api-key": 401})
	bybit := fakeJSON(t, "X-BAPI-API-KEY", "47q7N1kvjal4chBQrX", map[string]string{
		"/v5/market/time":    `{"retCode":0,"retMsg":"OK","result":{"timeSecond":"` + strconvS(now) + `","timeNano":"` + strconvS(now) + `000000000"},"time":` + strconvMS(now) + `}`,
		"/v5/user/query-api": `{"retCode":10003,"retMsg":"API key is invalid.","result":{},"time":` + strconvMS(now) + `}`,
	}, map[string]int{"/v5/user/query-api": 401})
	r := keyhound(t, dir, "", "history", "--verify", "-f", "json",
		"--endpoint", "binance="+binance.URL, "--endpoint", "okx="+okx.URL,
		"--endpoint", "kucoin="+kucoin.URL, "--endpoint", "bybit="+bybit.URL)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var rep struct {
		Findings []struct {
			Exchange     string `json:"exchange"`
			Verification *struct {
				Status string `json:"status"`
				Risk   string `json:"risk"`
				IP     *bool  `json:"ip_restricted"`
				Reason string `json:"reason"`
			} `json:"verification"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"binance": {"live", "critical"},
		"okx":     {"live", "low"},
		"kucoin":  {"live", "medium"},
		"bybit":   {"dead", "none"},
	}
	got := map[string][2]string{}
	for _, f := range rep.Findings {
		if f.Verification == nil {
			t.Errorf("%s: not verified", f.Exchange)
			continue
		}
		got[f.Exchange] = [2]string{f.Verification.Status, f.Verification.Risk}
		if f.Exchange == "kucoin" && (f.Verification.IP == nil || !*f.Verification.IP) {
			t.Errorf("kucoin 400006 must be live and IP-restricted: %+v", f.Verification)
		}
	}
	for ex, w := range want {
		if got[ex] != w {
			t.Errorf("%s: got %v, want %v", ex, got[ex], w)
		}
	}
	// The terminal report shows the risk levels too.
	txt := keyhound(t, dir, "", "history", "--verify",
		"--endpoint", "binance="+binance.URL, "--endpoint", "okx="+okx.URL,
		"--endpoint", "kucoin="+kucoin.URL, "--endpoint", "bybit="+bybit.URL)
	for _, s := range []string{"risk CRITICAL", "risk LOW", "risk MEDIUM", "DEAD"} {
		if !strings.Contains(txt.stdout, s) {
			t.Errorf("text report lacks %q", s)
		}
	}
	// --only-live drops the dead one; --min-risk medium keeps two.
	only := keyhound(t, dir, "", "history", "--verify", "-f", "json", "--only-live", "--min-risk", "medium",
		"--endpoint", "binance="+binance.URL, "--endpoint", "okx="+okx.URL,
		"--endpoint", "kucoin="+kucoin.URL, "--endpoint", "bybit="+bybit.URL)
	var filtered struct {
		Findings []struct{ Exchange string } `json:"findings"`
	}
	json.Unmarshal([]byte(only.stdout), &filtered)
	if len(filtered.Findings) != 2 || only.code != 1 {
		t.Errorf("--only-live --min-risk medium: %+v (exit %d)", filtered.Findings, only.code)
	}
}

func strconvMS(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }
func strconvS(t time.Time) string  { return strconv.FormatInt(t.Unix(), 10) }
