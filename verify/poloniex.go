package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/keyhound/keyhound/verify/sign"
)

// Poloniex verifies Poloniex keys with the v3 API (base64 HMAC-SHA256 over
// METHOD\npath\nparams). One signed call to GET /accounts proves the key
// is live; Poloniex has no permission endpoint, so permissions are
// unknown. Its documented authentication failure, "Invalid API key/secret
// pair.", does not say whether the key or the secret is wrong, so no reply
// makes a Poloniex key dead: failures are indeterminate.
//
// v3 requests carry signTimestamp (milliseconds), not a nonce, so a
// verification cannot raise the nonce floor the legacy tradingApi kept;
// the timestamp comes from the public GET /timestamp.
type Poloniex struct{}

// Spec describes the Poloniex verifier.
func (Poloniex) Spec() Spec {
	return Spec{Name: "poloniex", BaseURL: "https://api.poloniex.com", Endpoints: gets("/timestamp", "/accounts"),
		Rate: 2, Burst: 2, Concurrency: 1,
		Notes: "GET /accounts (v3): live check; permissions unknown: no permission endpoint; \"Invalid API key/secret pair.\" is indeterminate, never dead. signTimestamp from GET /timestamp; no nonce (the legacy nonce-based tradingApi is not used).",
	}
}

// Verify checks a Poloniex credential.
func (Poloniex) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/timestamp", millisAt(1, at("serverTime")))
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: "/accounts"}, func(r *Request) {
		ts := off.millis()
		setHeaders(r.Header, "Content-Type", "application/json", "key", c.Key, "signTimestamp", ts,
			"signature", sign.Poloniex(c.Secret, http.MethodGet, "/accounts", sign.PoloniexParams(nil, "", ts)))
	}, nil)
	if !ok {
		return end
	}
	if resp.Status != http.StatusOK {
		return poloniexErrorResult(resp)
	}
	var accounts []struct {
		AccountID    string `json:"accountId"`
		AccountType  string `json:"accountType"`
		AccountState string `json:"accountState"`
	}
	if json.Unmarshal(resp.Body, &accounts) != nil {
		return verdictUnreadable("accounts")
	}
	res := Result{Status: Live, KeyExists: Yes, Reason: "the accounts endpoint accepted the key; Poloniex reports no permissions"}
	if len(accounts) > 0 {
		a := accounts[0]
		res.Account = strings.TrimSpace(a.AccountType + " " + a.AccountID)
		if a.AccountState != "" && a.AccountState != "NORMAL" {
			res.Reason += " (account state " + a.AccountState + ")"
		}
	}
	return res
}

// poloniexErrorResult interprets Poloniex's v3 {"code","message"} errors.
// "Invalid API key/secret pair." does not say which of the two is wrong.
func poloniexErrorResult(resp *Response) Result {
	var pe struct {
		Code    lenient `json:"code"`
		Message string  `json:"message"`
	}
	if json.Unmarshal(resp.Body, &pe) != nil || (pe.Code == "" && pe.Message == "") {
		return Result{Status: Indeterminate, Reason: fmt.Sprintf("the request was refused without an explanation (HTTP %d)", resp.Status)}
	}
	detail := fmt.Sprintf("Poloniex %s: %s (HTTP %d)", pe.Code, pe.Message, resp.Status)
	if strings.Contains(strings.ToLower(pe.Message), "key/secret pair") {
		return verdictAmbiguous(detail)
	}
	return codes{"21601": verdictRefused}.verdict(string(pe.Code), detail, pe.Message) // 21601: account locked
}
