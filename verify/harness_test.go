package verify

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// fakeExchange is an httptest server standing in for an exchange; it
// counts calls per "METHOD path".
type fakeExchange struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls map[string]int
}

func (f *fakeExchange) count(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[key]
}

// newFake starts a fake exchange with handler h and an engine whose
// verifier v points at it. Retries are off and timeouts short unless
// tune changes them.
func newFake(t *testing.T, v Verifier, h http.HandlerFunc, tune ...func(*Options)) (*Engine, *fakeExchange) {
	t.Helper()
	f := &fakeExchange{calls: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.calls[r.Method+" "+r.URL.Path]++
		f.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(f.srv.Close)
	o := Options{
		Endpoints: map[string]string{v.Spec().Name: f.srv.URL},
		Timeout:   300 * time.Millisecond,
		Retries:   -1,
		Backoff:   time.Millisecond,
	}
	for _, fn := range tune {
		fn(&o)
	}
	e, err := NewEngine([]Verifier{v}, o)
	if err != nil {
		t.Fatal(err)
	}
	return e, f
}

// verifyCase is one scripted exchange behaviour and the expected verdict.
type verifyCase struct {
	name      string
	handler   http.HandlerFunc
	status    Status
	risk      Risk
	perms     *Permissions // nil: not checked
	ip        Tri
	keyExists Tri
	check     func(t *testing.T, r Result) // extra assertions
}

// runCases runs each case against a fresh fake exchange.
func runCases(t *testing.T, v Verifier, cred Credential, cases []verifyCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newFake(t, v, tc.handler)
			r := e.Verify(context.Background(), cred)
			if r.Status != tc.status {
				t.Fatalf("status %s (%s), want %s", r.Status, r.Reason, tc.status)
			}
			if r.Reason == "" {
				t.Error("no reason given")
			}
			if tc.risk != "" && r.Risk != tc.risk {
				t.Errorf("risk %s, want %s (perms %+v ip %s)", r.Risk, tc.risk, r.Permissions, r.IPRestricted)
			}
			if tc.perms != nil && r.Permissions != *tc.perms {
				t.Errorf("permissions %+v, want %+v", r.Permissions, *tc.perms)
			}
			if tc.ip != Unknown && r.IPRestricted != tc.ip {
				t.Errorf("ip_restricted %s, want %s", r.IPRestricted, tc.ip)
			}
			if tc.keyExists != Unknown && r.KeyExists != tc.keyExists {
				t.Errorf("key_exists %s, want %s", r.KeyExists, tc.keyExists)
			}
			if !r.Overridden {
				t.Error("a result through a test server must say its endpoint is overridden")
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

// transientCases are the behaviours every verifier must report as
// indeterminate, never live: rate limits, server errors, HTML block pages,
// stalls past the timeout, truncated JSON and redirects to another host.
func transientCases() []verifyCase {
	return []verifyCase{
		{name: "429", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"code":-1003,"msg":"Too many requests"}`))
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "502", handler: func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
			w.Write([]byte("bad gateway"))
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "html block page", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte("<html><body>Access denied by the firewall</body></html>"))
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "html with 200", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<!doctype html><title>Just a moment...</title>"))
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "timeout", handler: func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "truncated json", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"data":[{"perm":"read_only,tra`))
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "redirect off host", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://evil.example/steal", http.StatusFound)
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "connection reset", handler: func(w http.ResponseWriter, r *http.Request) {
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close() // no reply at all
				}
			}
		}, status: Indeterminate, risk: RiskUnknown},
		{name: "endless body", handler: func(w http.ResponseWriter, r *http.Request) {
			// A JSON reply that never ends: the read bound (1 MiB) stops
			// it; the writer gives up when the client hangs up (or at
			// 64 MiB, so the test itself is bounded).
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"code":"0","data":[{"perm":"read_only,trade,withdraw","note":"`))
			chunk := bytes.Repeat([]byte("A"), 64<<10)
			for i := 0; i < 1024; i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, status: Indeterminate, risk: RiskUnknown},
	}
}

// jsonHandler answers every request with status and body.
func jsonHandler(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}
