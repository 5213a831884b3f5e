package verify

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// Phemex verifies Phemex keys (HMAC-SHA256 hex over path + query + expiry
// + body). One signed call to GET /spot/wallets?currency=BTC proves the
// key is live; Phemex has no permission endpoint, so permissions are
// unknown. Phemex answers authentication failures with code 10500 and a
// message ("Failed to find api-key …" for an unknown key, "API Signature
// verification failed." for a wrong secret) or code 401 ("Request IP
// mismatch." when the key is bound to other addresses, "Insufficient
// privilege." when it lacks a permission); the messages are matched.
//
// Phemex signs with x-phemex-request-expiry, a deadline in epoch seconds,
// not a nonce. Phemex's API documentation names no server-time endpoint,
// so the deadline is the local clock plus 60 seconds, as the documentation
// suggests (now + 1 minute).
type Phemex struct{}

const (
	// phemexQuery is the wallet query; one currency keeps the reply small.
	phemexQuery = "currency=BTC"
	// phemexExpiry is how far in the future the expiry is set, in seconds.
	phemexExpiry = 60
)

// Spec describes the Phemex verifier.
func (Phemex) Spec() Spec {
	return Spec{
		Name: "phemex", BaseURL: "https://api.phemex.com",
		Endpoints: gets("/spot/wallets"),
		// Each client may make 200 REST calls a minute.
		Rate: 2, Burst: 2, Concurrency: 1,
		Notes: "GET /spot/wallets?currency=BTC: live check; permissions unknown: no permission endpoint; \"Request IP mismatch\" = live, IP-restricted. x-phemex-request-expiry = local clock + 60 s (no documented server-time endpoint); no nonce.",
	}
}

// phemexMessages are Phemex's authentication failures, told apart by
// their message (codes 10500 and 401 cover several).
var phemexMessages = phrases{
	{"failed to find api-key", verdictUnknownKey}, {"api key not found", verdictUnknownKey},
	{"signature verification failed", verdictSecretRejected},
	{"insufficient privilege", verdictPermissionDenied},
	{"expire", verdictClockSkew},
}

// Verify checks a Phemex credential.
func (Phemex) Verify(ctx context.Context, call *Caller, c Credential) Result {
	var rep struct {
		Code lenient `json:"code"`
		Msg  string  `json:"msg"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: "/spot/wallets", RawQuery: phemexQuery}, func(r *Request) {
		expiry := strconv.FormatInt(time.Now().Unix()+phemexExpiry, 10)
		setHeaders(r.Header, "x-phemex-access-token", c.Key, "x-phemex-request-expiry", expiry,
			"x-phemex-request-signature", sign.Phemex(c.Secret, "/spot/wallets", phemexQuery, expiry, ""))
	}, &rep)
	switch {
	case !ok:
		return end
	case rep.Code == "":
		return verdictUnexpected(resp)
	case rep.Code == "0" && resp.Status == http.StatusOK:
		return Result{Status: Live, KeyExists: Yes, Reason: "the spot wallet endpoint accepted the key; Phemex reports no permissions"}
	}
	detail := fmt.Sprintf("Phemex %s: %s (HTTP %d)", rep.Code, rep.Msg, resp.Status)
	return phemexMessages.verdict(rep.Msg, detail) // "Request IP mismatch." is an IP refusal
}
