package verify

import (
	"context"
	"net/http"

	"github.com/keyhound/keyhound/verify/sign"
)

// Bitvavo verifies Bitvavo keys (HMAC-SHA256). One signed call to
// GET /v2/account proves the key is live and, since that endpoint needs
// the key's "view" permission, that it can read. Bitvavo has no permission
// endpoint; its error codes name a missing permission instead (310 no
// trading, 311 no account information, 312 no withdrawals), so trade and
// withdraw stay unknown. 305 is an unknown key, 307 an IP outside the
// key's allow-list (the key exists), 309 a bad signature for a known key.
//
// Bitvavo signs with Bitvavo-Access-Timestamp (milliseconds) inside a
// Bitvavo-Access-Window, not a nonce; the timestamp comes from the public
// GET /v2/time.
type Bitvavo struct{}

// bitvavoWindow is the Bitvavo-Access-Window sent, in milliseconds.
const bitvavoWindow = "10000"

// Spec describes the Bitvavo verifier.
func (Bitvavo) Spec() Spec {
	return Spec{
		Name: "bitvavo", BaseURL: "https://api.bitvavo.com",
		Endpoints: gets("/v2/time", "/v2/account"),
		// 1000 weighted requests a minute per IP and key.
		Rate: 2, Burst: 2, Concurrency: 1,
		Notes: "GET /v2/account: live and read (view) permission; trade and withdraw unknown (no permission endpoint; errors 310/311/312 name missing permissions), 307 = IP not allowed. Timestamp from GET /v2/time with a 10 s access window; no nonce.",
	}
}

// Verify checks a Bitvavo credential.
func (Bitvavo) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/v2/time", millisAt(1, at("time")))
	var be struct {
		ErrorCode lenient `json:"errorCode"`
		Error     string  `json:"error"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: "/v2/account"}, func(r *Request) {
		ts := off.millis()
		setHeaders(r.Header, "Bitvavo-Access-Key", c.Key, "Bitvavo-Access-Timestamp", ts,
			"Bitvavo-Access-Window", bitvavoWindow,
			"Bitvavo-Access-Signature", sign.Bitvavo(c.Secret, ts, http.MethodGet, "/v2/account", ""))
	}, &be)
	switch {
	case !ok:
		return end
	case be.ErrorCode != "":
		return bitvavoCodes.verdict(string(be.ErrorCode), "Bitvavo "+string(be.ErrorCode)+": "+be.Error, be.Error)
	case resp.Status != http.StatusOK:
		return verdictUnexpected(resp)
	}
	return Result{Status: Live, KeyExists: Yes, Permissions: Permissions{Read: Yes},
		PermissionsSource: "read only: GET /v2/account requires the view permission",
		Reason:            "the account endpoint accepted the key"}
}

// bitvavoCodes are Bitvavo's authentication error codes.
var bitvavoCodes = codes{
	"301": verdictUnknownKey, "305": verdictUnknownKey,
	"306": func(d string) Result {
		return Result{Status: Dead, Reason: "no active key: unknown, or never confirmed by e-mail (" + d + ")"}
	},
	"307": verdictIPRestricted, "309": verdictSecretRejected,
	"311": func(d string) Result {
		return Result{Status: Live, KeyExists: Yes, Permissions: Permissions{Read: No},
			PermissionsSource: "error 311 of GET /v2/account",
			Reason:            "the key exists but may not read account information (" + d + ")"}
	},
	"310": verdictPermissionDenied, "312": verdictPermissionDenied,
	"302": verdictClockSkew, "303": verdictClockSkew, "304": verdictClockSkew,
	"317": verdictRefused, "105": verdictRateLimited,
}
