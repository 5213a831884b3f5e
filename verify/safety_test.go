package verify

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// dangerous names the endpoints no verifier may ever reach.
var dangerous = regexp.MustCompile(`(?i)order|cancel|withdraw|transfer|trade|payout|convert|borrow|repay|redeem|subscribe|purchase|create|delete|modify|amend|close|list_api_keys`)

// readOnlyPOST lists the POST endpoints that are read-only by design.
var readOnlyPOST = regexp.MustCompile(`^(/0/private/(GetApiKeyInfo|Balance)|/v2/auth/r/[a-z_]+|/v1/(roles|account|balances)|/api/v2/(account_balances|balance)/|/exchange/v1/private/(user-balance|get-account-summary)|/v2/private/get-account-summary|/tradingApi)$`)

// officialHosts are the exchanges' API domains.
var officialHosts = regexp.MustCompile(`(^|\.)(binance\.com|binance\.us|coinbase\.com|kraken\.com|okx\.com|bybit\.com|kucoin\.com|bitfinex\.com|gemini\.com|bitstamp\.net|huobi\.pro|gateio\.ws|mexc\.com|bitget\.com|crypto\.com|deribit\.com|bitmex\.com|woox\.io|bitmart\.com|bitvavo\.com|poloniex\.com|upbit\.com|phemex\.com)$`)

// TestVerifiersAreReadOnly walks every verifier's allowlist: each endpoint
// is a GET, or a POST that is read-only by design, and none names an
// order, cancel, transfer or withdrawal; base URLs are the exchanges'
// official HTTPS hosts; and every exchange of the default packs has one.
func TestVerifiersAreReadOnly(t *testing.T) {
	names := map[string]bool{}
	for _, v := range All() {
		sp := v.Spec()
		if names[sp.Name] {
			t.Errorf("two verifiers named %s", sp.Name)
		}
		names[sp.Name] = true
		u, err := url.Parse(sp.BaseURL)
		if err != nil || u.Scheme != "https" || !officialHosts.MatchString(u.Hostname()) {
			t.Errorf("%s: base URL %q is not an official HTTPS host", sp.Name, sp.BaseURL)
		}
		if len(sp.Endpoints) == 0 {
			t.Errorf("%s: no endpoints", sp.Name)
		}
		if sp.Notes == "" {
			t.Errorf("%s: Notes must say what is verified and the nonce choice", sp.Name)
		}
		for _, ep := range sp.Endpoints {
			switch ep.Method {
			case http.MethodGet:
			case http.MethodPost:
				if !readOnlyPOST.MatchString(ep.Path) {
					t.Errorf("%s: POST %s is not a known read-only POST endpoint", sp.Name, ep.Path)
				}
			default:
				t.Errorf("%s: method %s is never read-only", sp.Name, ep.Method)
			}
			if dangerous.MatchString(strings.ReplaceAll(ep.Path, "permissions", "")) {
				t.Errorf("%s: endpoint %s names a state-changing action", sp.Name, ep)
			}
		}
	}
	for _, want := range []string{"binance", "binance-us"} {
		if !names[want] {
			t.Errorf("no verifier for %s", want)
		}
	}
}

// TestCallerRefusesUnlistedRequests: a request outside the allowlist is
// refused before anything is sent.
func TestCallerRefusesUnlistedRequests(t *testing.T) {
	e, f := newFake(t, Binance{}, jsonHandler(200, `{}`))
	call := e.callers["binance"]
	for _, r := range []Request{
		{Method: http.MethodPost, Path: "/api/v3/order"},
		{Method: http.MethodDelete, Path: "/api/v3/order"},
		{Method: http.MethodPost, Path: "/sapi/v1/capital/withdraw/apply"},
		{Method: http.MethodPost, Path: "/sapi/v1/account/apiRestrictions"}, // right path, wrong method
		{Method: http.MethodGet, Path: "/sapi/v1/account/apiRestrictions/../../api/v3/order"},
	} {
		if _, err := call.Do(context.Background(), r, nil); !errors.Is(err, ErrNotAllowed) {
			t.Errorf("%s %s: got %v, want ErrNotAllowed", r.Method, r.Path, err)
		}
	}
	for k, n := range f.calls {
		t.Errorf("the server received %d %s request(s)", n, k)
	}
}

func TestEngineOptions(t *testing.T) {
	if _, err := NewEngine(All(), Options{Endpoints: map[string]string{"nosuch": "http://127.0.0.1:1"}}); err == nil {
		t.Error("an override for an unknown exchange was accepted")
	}
	if _, err := NewEngine(All(), Options{Endpoints: map[string]string{"binance": "ftp://x"}}); err == nil {
		t.Error("a non-HTTP override was accepted")
	}
	e, err := NewEngine(All(), Options{Endpoints: map[string]string{"binance": "http://127.0.0.1:9"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Overrides(); got["binance"] != "http://127.0.0.1:9" || len(got) != 1 {
		t.Errorf("Overrides() = %v", got)
	}
	env := EndpointsFromEnv([]string{"KEYHOUND_ENDPOINT_BINANCE=http://127.0.0.1:8080", "KEYHOUND_ENDPOINT_BINANCE_US=http://127.0.0.1:8081", "PATH=/bin", "KEYHOUND_ENDPOINT_X="})
	if env["binance"] != "http://127.0.0.1:8080" || env["binance-us"] != "http://127.0.0.1:8081" || len(env) != 2 {
		t.Errorf("EndpointsFromEnv = %v", env)
	}
	r := e.Verify(context.Background(), Credential{Exchange: "nosuch", Key: "k", Secret: "s"})
	if r.Status != Indeterminate {
		t.Errorf("unknown exchange: %+v", r)
	}
}
