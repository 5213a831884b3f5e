package verify

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

// nonceVenue is how a test server reads a nonce-floor venue's requests:
// where the nonce travels and how the venue rejects one.
type nonceVenue struct {
	cred   Credential
	nonce  func(r *http.Request, body []byte) (int64, bool)
	reject http.HandlerFunc // the venue's own "invalid nonce" answer
}

// nonceVenues has one entry per verifier whose Spec says NonceFloor; a
// nonce-floor verifier without one fails TestNonceFloorNeverRaised.
var nonceVenues = map[string]nonceVenue{
	"kraken": {
		cred: krakenCred,
		nonce: func(r *http.Request, body []byte) (int64, bool) {
			form, err := url.ParseQuery(string(body))
			n, perr := strconv.ParseInt(form.Get("nonce"), 10, 64)
			return n, err == nil && perr == nil
		},
		reject: jsonHandler(200, `{"error":["EAPI:Invalid nonce"]}`),
	},
	"bitfinex": {
		cred: bitfinexCred,
		nonce: func(r *http.Request, _ []byte) (int64, bool) {
			n, err := strconv.ParseInt(r.Header.Get("bfx-nonce"), 10, 64)
			return n, err == nil
		},
		reject: jsonHandler(500, `["error",10114,"nonce: small"]`),
	},
	"gemini": {
		cred: geminiCred,
		nonce: func(r *http.Request, _ []byte) (int64, bool) {
			raw, err := base64.StdEncoding.DecodeString(r.Header.Get("X-GEMINI-PAYLOAD"))
			var p struct {
				Nonce int64 `json:"nonce"`
			}
			return p.Nonce, err == nil && json.Unmarshal(raw, &p) == nil && p.Nonce > 0
		},
		reject: jsonHandler(400, `{"result":"error","reason":"InvalidNonce","message":"Nonce has not increased since your last call to the Gemini API."}`),
	},
}

// nonceCounter is a test server that records every nonce it is sent.
type nonceCounter struct {
	mu     sync.Mutex
	nonces []int64
}

func (n *nonceCounter) seen() []int64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]int64(nil), n.nonces...)
}

// TestNonceFloorNeverRaised walks every verifier of a venue that keeps a
// per-key nonce floor and answers its first signed request with a nonce
// rejection, server errors (HTML and the venue's JSON) and a rate limit,
// with retries on: the test server counts the nonces it receives, and no
// second request with a larger nonce may follow. A nonce rejection is
// indeterminate with the key known to exist.
func TestNonceFloorNeverRaised(t *testing.T) {
	found := map[string]bool{}
	for _, v := range All() {
		sp := v.Spec()
		if !sp.NonceFloor {
			continue
		}
		found[sp.Name] = true
		venue, ok := nonceVenues[sp.Name]
		if !ok {
			t.Errorf("%s keeps a nonce floor but has no nonce test server", sp.Name)
			continue
		}
		answers := map[string]http.HandlerFunc{
			"nonce rejected": venue.reject,
			"500 html":       func(w http.ResponseWriter, r *http.Request) { http.Error(w, "internal error", 500) },
			"502":            func(w http.ResponseWriter, r *http.Request) { http.Error(w, "bad gateway", 502) },
			"503 json":       jsonHandler(503, `{"error":"maintenance"}`),
			"429":            jsonHandler(429, `{"error":"rate limited"}`),
		}
		names := make([]string, 0, len(answers))
		for n := range answers {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, answer := range names {
			t.Run(sp.Name+"/"+answer, func(t *testing.T) {
				counter := &nonceCounter{}
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					body, _ := io.ReadAll(r.Body)
					if n, ok := venue.nonce(r, body); ok {
						counter.mu.Lock()
						counter.nonces = append(counter.nonces, n)
						counter.mu.Unlock()
					}
					answers[answer](w, r)
				}))
				defer srv.Close()
				e, err := NewEngine([]Verifier{v}, Options{
					Endpoints: map[string]string{sp.Name: srv.URL},
					Timeout:   time.Second, Retries: 3, Backoff: time.Millisecond,
				})
				if err != nil {
					t.Fatal(err)
				}
				res := e.Verify(context.Background(), venue.cred)
				nonces := counter.seen()
				if len(nonces) == 0 {
					t.Fatal("the test server saw no nonce")
				}
				for _, n := range nonces[1:] {
					if n > nonces[0] {
						t.Errorf("a second request with a larger nonce was sent: %v", nonces)
						break
					}
				}
				if len(nonces) != 1 {
					t.Errorf("%d signed requests, want 1 (nonces %v)", len(nonces), nonces)
				}
				if res.Status != Indeterminate {
					t.Errorf("status %s (%s), want indeterminate", res.Status, res.Reason)
				}
				if answer == "nonce rejected" && res.KeyExists != Yes {
					t.Errorf("key_exists %s after a nonce rejection, want yes (%s)", res.KeyExists, res.Reason)
				}
			})
		}
	}
	for _, name := range []string{"kraken", "bitfinex", "gemini"} {
		if !found[name] {
			t.Errorf("%s keeps a per-key nonce floor but its Spec does not say NonceFloor", name)
		}
	}
}
