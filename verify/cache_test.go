package verify

import (
	"context"
	"net/http"
	"sync"
	"testing"
)

// TestCacheVerifiesOnce: one credential found many times (500 commits) is
// verified once, even when the requests arrive concurrently.
func TestCacheVerifiesOnce(t *testing.T) {
	e, f := newFake(t, Binance{}, binanceServer(binanceCred.Secret, jsonHandler(200, restrictions(false, true, true, false, false, false))))
	var wg sync.WaitGroup
	results := make([]Result, 500)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = e.Verify(context.Background(), binanceCred)
		}(i)
	}
	wg.Wait()
	for i, r := range results {
		if r.Status != Live || r.Risk != RiskHigh {
			t.Fatalf("result %d: %+v", i, r)
		}
	}
	if n := f.count("GET /sapi/v1/account/apiRestrictions"); n != 1 {
		t.Errorf("permission endpoint called %d times, want 1", n)
	}
	// A different secret for the same key is a different credential.
	other := binanceCred
	other.Secret = "Z" + other.Secret[1:]
	if r := e.Verify(context.Background(), other); r.Status == Live {
		t.Errorf("a wrong secret verified live: %+v", r)
	}
	if n := f.count("GET /sapi/v1/account/apiRestrictions"); n != 2 {
		t.Errorf("permission endpoint called %d times after a second credential, want 2", n)
	}
}

// TestRetriesOnlyIndeterminate: a 503 is retried with backoff until it
// succeeds; a definite error is not retried.
func TestRetriesOnlyIndeterminate(t *testing.T) {
	var mu sync.Mutex
	fails := 2
	ok := binanceServer(binanceCred.Secret, jsonHandler(200, restrictions(false, true, false, false, false, false)))
	e, f := newFake(t, Binance{}, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fail := r.URL.Path != "/api/v3/time" && fails > 0
		if fail {
			fails--
		}
		mu.Unlock()
		if fail {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		ok(w, r)
	}, func(o *Options) { o.Retries = 2 })
	if r := e.Verify(context.Background(), binanceCred); r.Status != Live {
		t.Fatalf("after two 503s: %+v", r)
	}
	if n := f.count("GET /sapi/v1/account/apiRestrictions"); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	e2, f2 := newFake(t, Binance{}, jsonHandler(401, `{"code":-2014,"msg":"API-key format invalid."}`), func(o *Options) { o.Retries = 2 })
	if r := e2.Verify(context.Background(), binanceCred); r.Status != Dead {
		t.Fatalf("definite answer: %+v", r)
	}
	if n := f2.count("GET /sapi/v1/account/apiRestrictions"); n != 1 {
		t.Errorf("a definite answer was retried: %d attempts", n)
	}
}
