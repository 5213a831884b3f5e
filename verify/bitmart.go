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
	return Spec{
		Name:    "bitmart",
		BaseURL: "https://api-cloud.bitmart.com",
		Endpoints: []Endpoint{
			{http.MethodGet, "/system/time"},
			{http.MethodGet, "/account/v1/wallet"},
		},
		Rate: 2, Burst: 2, Concurrency: 1,
		Notes: "GET /account/v1/wallet (code 1000): live and read permission; it is a KEYED endpoint, so the secret and memo (the passphrase) are signed but not confirmed; permissions unknown: no permission endpoint. Timestamp from GET /system/time; no nonce.",
	}
}

// bitmartReply is BitMart's envelope.
type bitmartReply struct {
	Code    *groupCCode     `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// Verify checks a BitMart credential.
func (BitMart) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := groupCClockOffset(ctx, call, "/system/time", func(b []byte) int64 {
		var t struct {
			Data struct {
				ServerTime int64 `json:"server_time"`
			} `json:"data"`
		}
		_ = json.Unmarshal(b, &t)
		return t.Data.ServerTime
	})
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: "/account/v1/wallet"}, func(r *Request) {
		ts := strconv.FormatInt(time.Now().UnixMilli()+off, 10)
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-BM-KEY", c.Key)
		r.Header.Set("X-BM-TIMESTAMP", ts)
		r.Header.Set("X-BM-SIGN", sign.BitMart(c.Secret, ts, c.Passphrase, ""))
	})
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	var rep bitmartReply
	if json.Unmarshal(resp.Body, &rep) != nil || rep.Code == nil {
		return Result{Status: Indeterminate, Reason: fmt.Sprintf("unexpected reply (HTTP %d)", resp.Status)}
	}
	n, _ := rep.Code.asInt()
	if n == 1000 && resp.Status == http.StatusOK {
		return Result{
			Status: Live, KeyExists: Yes, Permissions: Permissions{Read: Yes},
			PermissionsSource: "read only: GET /account/v1/wallet requires the read permission",
			Reason:            "the wallet endpoint accepted the key; BitMart authenticates it by the key alone (KEYED), so the secret and memo are not confirmed",
		}
	}
	return bitmartErrorResult(n, fmt.Sprintf("BitMart %s: %s", *rep.Code, rep.Message), rep.Message)
}

// bitmartErrorResult interprets BitMart's authentication error codes.
func bitmartErrorResult(n int64, code, msg string) Result {
	switch n {
	case 30002:
		return Result{Status: Dead, KeyExists: No, Reason: "unknown key (" + code + ")"}
	case 30011:
		return Result{Status: Dead, KeyExists: Yes, Reason: "the key exists but has expired (" + code + ")"}
	case 30003:
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key exists but is frozen (" + code + ")"}
	case 30004, 30005:
		return groupCBadSecret(code)
	case 30006, 30007, 30008:
		return Result{Status: Indeterminate, Reason: "clock skew: the request timestamp was rejected (" + code + ")"}
	case 30010:
		return groupCIPLive(code)
	case 30012:
		return Result{Status: Live, KeyExists: Yes, Reason: "the key exists and is active but may not call the wallet endpoint, so its permissions are unknown (" + code + ")"}
	case 30013:
		return Result{Status: Indeterminate, Reason: "rate limited (" + code + ")"}
	}
	return verdictOther(code, msg)
}
