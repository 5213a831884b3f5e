package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// MEXC verifies MEXC Spot v3 keys (Binance-style HMAC-SHA256). One signed
// call, GET /api/v3/account, proves the key is live. MEXC has no
// key-permission endpoint; that reply's canTrade/canWithdraw are
// account-level flags, not the key's, and are reported as trade/withdraw
// with that caveat in PermissionsSource (as Binance.US does). The
// timestamp comes from the public GET /api/v3/time, with a recvWindow; no
// nonce.
type MEXC struct{}

const mexcRecvWindow = "10000"

// Spec describes the MEXC verifier.
func (MEXC) Spec() Spec {
	return Spec{
		Name:    "mexc",
		BaseURL: "https://api.mexc.com",
		Endpoints: []Endpoint{
			{http.MethodGet, "/api/v3/time"},
			{http.MethodGet, "/api/v3/account"},
		},
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "GET /api/v3/account: live check; canTrade/canWithdraw are account-level flags, reported as trade/withdraw with that caveat (no key-permission endpoint). IP restriction is known only when MEXC refuses the IP (700006). Timestamp from GET /api/v3/time; no nonce.",
	}
}

// mexcTime returns the server's clock in milliseconds, or the local one.
func mexcTime(ctx context.Context, call *Caller) int64 {
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: "/api/v3/time"}, nil)
	if err == nil && resp.Status == http.StatusOK {
		var t struct {
			ServerTime int64 `json:"serverTime"`
		}
		if json.Unmarshal(resp.Body, &t) == nil && t.ServerTime > 0 {
			return t.ServerTime
		}
	}
	return time.Now().UnixMilli()
}

// Verify checks a MEXC credential.
func (MEXC) Verify(ctx context.Context, call *Caller, c Credential) Result {
	ts := mexcTime(ctx, call)
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: "/api/v3/account"}, func(r *Request) {
		q := "recvWindow=" + mexcRecvWindow + "&timestamp=" + strconv.FormatInt(ts, 10)
		r.RawQuery = q + "&signature=" + sign.MEXC(c.Secret, q)
		r.Header.Set("X-MEXC-APIKEY", c.Key)
		r.Header.Set("Content-Type", "application/json")
	})
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	if resp.Status != http.StatusOK {
		return mexcErrorResult(resp)
	}
	if r, ok := accountFlagsResult(resp.Body); ok {
		return r
	}
	return mexcErrorResult(resp) // MEXC sometimes answers errors with HTTP 200
}

// mexcErrorResult interprets MEXC's {"code","msg"} errors.
func mexcErrorResult(resp *Response) Result {
	var me struct {
		Code looseString `json:"code"`
		Msg  string      `json:"msg"`
	}
	if json.Unmarshal(resp.Body, &me) != nil || me.Code == "" {
		return verdictUnexpected(resp)
	}
	detail := "MEXC " + string(me.Code) + ": " + me.Msg
	switch me.Code {
	case "10072":
		return verdictUnknownKey(detail)
	case "700002":
		return verdictSecretRejected(detail)
	case "700006":
		return verdictIPRestricted(detail)
	case "700007":
		return verdictPermissionDenied(detail)
	case "10073", "700003":
		return verdictClockSkew(detail)
	}
	return verdictOther(detail, me.Msg)
}
