package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

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
		Name:    "bitvavo",
		BaseURL: "https://api.bitvavo.com",
		Endpoints: []Endpoint{
			{http.MethodGet, "/v2/time"},
			{http.MethodGet, "/v2/account"},
		},
		// 1000 weighted requests a minute per IP and key.
		Rate: 2, Burst: 2, Concurrency: 1,
		Notes: "GET /v2/account: live and read (view) permission; trade and withdraw unknown (no permission endpoint; errors 310/311/312 name missing permissions), 307 = IP not allowed. Timestamp from GET /v2/time with a 10 s access window; no nonce.",
	}
}

// bitvavoError is Bitvavo's error body.
type bitvavoError struct {
	ErrorCode *int   `json:"errorCode"`
	Error     string `json:"error"`
}

// Verify checks a Bitvavo credential.
func (Bitvavo) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := groupCClockOffset(ctx, call, "/v2/time", func(b []byte) int64 {
		var t struct {
			Time int64 `json:"time"`
		}
		_ = json.Unmarshal(b, &t)
		return t.Time
	})
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: "/v2/account"}, func(r *Request) {
		ts := strconv.FormatInt(time.Now().UnixMilli()+off, 10)
		r.Header.Set("Bitvavo-Access-Key", c.Key)
		r.Header.Set("Bitvavo-Access-Timestamp", ts)
		r.Header.Set("Bitvavo-Access-Window", bitvavoWindow)
		r.Header.Set("Bitvavo-Access-Signature", sign.Bitvavo(c.Secret, ts, http.MethodGet, "/v2/account", ""))
	})
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	var be bitvavoError
	if json.Unmarshal(resp.Body, &be) != nil {
		return Result{Status: Indeterminate, Reason: fmt.Sprintf("unexpected reply (HTTP %d)", resp.Status)}
	}
	if be.ErrorCode == nil {
		if resp.Status != http.StatusOK {
			return Result{Status: Indeterminate, Reason: fmt.Sprintf("unexpected reply (HTTP %d)", resp.Status)}
		}
		return Result{Status: Live, KeyExists: Yes, Permissions: Permissions{Read: Yes},
			PermissionsSource: "read only: GET /v2/account requires the view permission",
			Reason:            "the account endpoint accepted the key"}
	}
	return bitvavoErrorResult(*be.ErrorCode, fmt.Sprintf("Bitvavo %d: %s", *be.ErrorCode, be.Error), be.Error)
}

// bitvavoErrorResult interprets Bitvavo's authentication error codes.
func bitvavoErrorResult(n int, code, msg string) Result {
	switch n {
	case 301, 305:
		return Result{Status: Dead, KeyExists: No, Reason: "unknown key (" + code + ")"}
	case 306:
		return Result{Status: Dead, Reason: "no active key: unknown, or never confirmed by e-mail (" + code + ")"}
	case 307:
		return groupCIPLive(code)
	case 309:
		return groupCBadSecret(code)
	case 311:
		return Result{Status: Live, KeyExists: Yes, Permissions: Permissions{Read: No},
			PermissionsSource: "error 311 of GET /v2/account",
			Reason:            "the key exists but may not read account information (" + code + ")"}
	case 310, 312:
		return Result{Status: Live, KeyExists: Yes, Reason: "the key exists but lacks a permission (" + code + ")"}
	case 302, 303, 304:
		return Result{Status: Indeterminate, Reason: "clock skew: the request timestamp was rejected (" + code + ")"}
	case 317:
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the account is locked (" + code + ")"}
	case 105:
		return Result{Status: Indeterminate, Reason: "rate limited (" + code + ")"}
	}
	return verdictOther(code, msg)
}
