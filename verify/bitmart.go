package verify

import (
	"context"
	"net/http"

	"github.com/keyhound/keyhound/verify/sign"
)

// BitMart verifies BitMart keys. One call to GET /account/v1/wallet
// (success is code 1000) proves the key is live. BitMart documents that
// endpoint as KEYED: it authenticates the X-BM-KEY header alone and needs
// the read-only permission, so a live result confirms the key and its
// read permission but not the secret or the memo. The request is still
// signed (X-BM-SIGN over timestamp#memo#query, the memo being the
// credential's passphrase), which costs nothing and would expose a wrong
// secret if BitMart checked it; a missing memo is signed as "" rather than
// blocking the check. BitMart has no permission endpoint: trade and
// withdraw are unknown.
//
// BitMart stamps requests with X-BM-TIMESTAMP (milliseconds, accepted
// within a minute of its clock), not a nonce, taken from the public
// GET /system/time.
type BitMart struct{}

// Spec describes the BitMart verifier.
func (BitMart) Spec() Spec {
	return Spec{Name: "bitmart", BaseURL: "https://api-cloud.bitmart.com", Endpoints: gets("/system/time", "/account/v1/wallet"),
		Rate: 2, Burst: 2, Concurrency: 1,
		Notes: "GET /account/v1/wallet (code 1000): live and read permission; it is a KEYED endpoint, so the secret and memo (the passphrase) are signed but not confirmed; permissions unknown: no permission endpoint. Timestamp from GET /system/time; no nonce.",
	}
}

// Verify checks a BitMart credential.
func (BitMart) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/system/time", millisAt(1, at("data", "server_time")))
	var rep struct {
		Code    lenient `json:"code"`
		Message string  `json:"message"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: "/account/v1/wallet"}, func(r *Request) {
		ts := off.millis()
		setHeaders(r.Header, "Content-Type", "application/json", "X-BM-KEY", c.Key, "X-BM-TIMESTAMP", ts,
			"X-BM-SIGN", sign.BitMart(c.Secret, ts, c.Passphrase, ""))
	}, &rep)
	switch {
	case !ok:
		return end
	case rep.Code == "":
		return verdictUnexpected(resp)
	case rep.Code == "1000" && resp.Status == http.StatusOK:
		return Result{
			Status: Live, KeyExists: Yes, Permissions: Permissions{Read: Yes},
			PermissionsSource: "read only: GET /account/v1/wallet requires the read permission",
			Reason:            "the wallet endpoint accepted the key; BitMart authenticates it by the key alone (KEYED), so the secret and memo are not confirmed",
		}
	}
	return bitmartCodes.verdict(string(rep.Code), "BitMart "+string(rep.Code)+": "+rep.Message, rep.Message)
}

// bitmartCodes are BitMart's authentication error codes.
var bitmartCodes = codes{
	"30002": verdictUnknownKey, "30011": verdictExpired, "30003": verdictRefused, // frozen
	"30004": verdictSecretRejected, "30005": verdictSecretRejected,
	"30006": verdictClockSkew, "30007": verdictClockSkew, "30008": verdictClockSkew,
	"30010": verdictIPRestricted, "30012": verdictPermissionDenied, "30013": verdictRateLimited,
}
