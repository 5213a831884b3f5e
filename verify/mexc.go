package verify

import (
	"context"
	"encoding/json"
	"net/http"

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
	return Spec{Name: "mexc", BaseURL: "https://api.mexc.com", Endpoints: gets("/api/v3/time", "/api/v3/account"),
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "GET /api/v3/account: live check; canTrade/canWithdraw are account-level flags, reported as trade/withdraw with that caveat (no key-permission endpoint). IP restriction is known only when MEXC refuses the IP (700006). Timestamp from GET /api/v3/time; no nonce.",
	}
}

// Verify checks a MEXC credential.
func (MEXC) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/api/v3/time", millisAt(1, at("serverTime")))
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: "/api/v3/account"}, func(r *Request) {
		q := "recvWindow=" + mexcRecvWindow + "&timestamp=" + off.millis()
		r.RawQuery = q + "&signature=" + sign.MEXC(c.Secret, q)
		setHeaders(r.Header, "X-MEXC-APIKEY", c.Key, "Content-Type", "application/json")
	}, nil)
	if !ok {
		return end
	}
	if resp.Status == http.StatusOK {
		if r, ok := accountFlagsResult(resp.Body); ok {
			return r
		}
	}
	return mexcErrorResult(resp) // MEXC sometimes answers errors with HTTP 200
}

// mexcCodes are MEXC's error codes.
var mexcCodes = codes{
	"10072": verdictUnknownKey, "700002": verdictSecretRejected, "700006": verdictIPRestricted,
	"700007": verdictPermissionDenied, "10073": verdictClockSkew, "700003": verdictClockSkew,
}

// mexcErrorResult interprets MEXC's {"code","msg"} errors.
func mexcErrorResult(resp *Response) Result {
	var me struct {
		Code lenient `json:"code"`
		Msg  string  `json:"msg"`
	}
	if json.Unmarshal(resp.Body, &me) != nil || me.Code == "" {
		return verdictUnexpected(resp)
	}
	return mexcCodes.verdict(string(me.Code), "MEXC "+string(me.Code)+": "+me.Msg, me.Msg)
}
