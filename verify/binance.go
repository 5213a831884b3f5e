package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// Binance verifies binance.com keys (HMAC). One signed call to the
// permission endpoint, GET /sapi/v1/account/apiRestrictions, proves the
// key is live and reports read, spot/margin/futures/options trading,
// withdrawals, internal and universal transfers, and the IP restriction.
// The timestamp comes from the public server-time endpoint (no nonce
// floor: Binance uses timestamp + recvWindow, nothing a verification can
// disturb). Binance's -2015 merges "unknown key", "IP not allowed" and
// "missing permission", so it is indeterminate, never dead.
type Binance struct {
	// Name and BaseURL default to "binance" and https://api.binance.com;
	// Binance.US reuses this verifier with its own (see BinanceUS).
	Name, BaseURL string
}

// BinanceUS is Binance with the Binance.US host. Binance.US documents no
// apiRestrictions endpoint, so its verifier uses GET /api/v3/account, whose
// canTrade/canWithdraw flags are account-level, not the key's.
func BinanceUS() Verifier { return binanceUS{} }

const binanceRecvWindow = "10000"

// Spec describes the Binance verifier.
func (b Binance) Spec() Spec {
	name, base := b.Name, b.BaseURL
	if name == "" {
		name = "binance"
	}
	if base == "" {
		base = "https://api.binance.com"
	}
	return Spec{Name: name, BaseURL: base, Endpoints: gets("/api/v3/time", "/sapi/v1/account/apiRestrictions"),
		Rate: 5, Burst: 5, Concurrency: 2,
		Notes: "GET /sapi/v1/account/apiRestrictions: read, trade (spot/margin, futures, margin, options, portfolio margin), withdraw, transfer (internal, universal), IP restriction. Timestamp from GET /api/v3/time; no nonce.",
	}
}

// binanceSigned calls a SIGNED GET endpoint, timed by the server clock,
// and decodes a 200 reply into v; other replies end in Binance's verdict.
func binanceSigned(ctx context.Context, call *Caller, c Credential, path string, v any) (Result, bool) {
	off := serverClock(ctx, call, "/api/v3/time", millisAt(1, at("serverTime")))
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: path}, func(r *Request) {
		q := "recvWindow=" + binanceRecvWindow + "&timestamp=" + off.millis()
		r.RawQuery = q + "&signature=" + sign.Binance(c.Secret, q)
		r.Header.Set("X-MBX-APIKEY", c.Key)
	}, nil)
	switch {
	case !ok:
		return end, false
	case resp.Status != http.StatusOK:
		return binanceErrorResult(resp), false
	case json.Unmarshal(resp.Body, v) != nil:
		return verdictUnexpected(resp), false
	}
	return Result{}, true
}

// binanceCodes are Binance's error codes. -2015 merges "unknown key", "IP
// not allowed" and "missing permission", and an IP named in a Binance
// message proves nothing, so the message is never read for an IP refusal.
var binanceCodes = codes{
	"-2014": func(d string) Result {
		return Result{Status: Dead, KeyExists: No, Reason: "key format rejected (" + d + ")"}
	},
	"-2008": verdictUnknownKey,
	"-1022": verdictSecretRejected,
	"-2015": func(d string) Result {
		return Result{Status: Indeterminate, Reason: "Binance does not say whether the key is unknown, IP-restricted or lacks permission (" + d + ")"}
	},
	"-1021": verdictClockSkew,
}

// binanceErrorResult interprets Binance's {"code","msg"} errors.
func binanceErrorResult(resp *Response) Result {
	var be struct {
		Code lenient `json:"code"`
		Msg  string  `json:"msg"`
	}
	if json.Unmarshal(resp.Body, &be) != nil || be.Code == "" || be.Code == "0" {
		return verdictUnexpected(resp)
	}
	detail := fmt.Sprintf("Binance %s: %s", be.Code, be.Msg)
	if f, ok := binanceCodes[string(be.Code)]; ok {
		return f(detail)
	}
	return Result{Status: Indeterminate, Reason: detail}
}

// Verify checks a Binance credential.
func (b Binance) Verify(ctx context.Context, call *Caller, c Credential) Result {
	var ar struct {
		IPRestrict                     *bool  `json:"ipRestrict"`
		EnableReading                  *bool  `json:"enableReading"`
		EnableWithdrawals              *bool  `json:"enableWithdrawals"`
		EnableInternalTransfer         *bool  `json:"enableInternalTransfer"`
		PermitsUniversalTransfer       *bool  `json:"permitsUniversalTransfer"`
		EnableMargin                   *bool  `json:"enableMargin"`
		EnableFutures                  *bool  `json:"enableFutures"`
		EnableVanillaOptions           *bool  `json:"enableVanillaOptions"`
		EnableSpotAndMarginTrading     *bool  `json:"enableSpotAndMarginTrading"`
		EnablePortfolioMarginTrading   *bool  `json:"enablePortfolioMarginTrading"`
		TradingAuthorityExpirationTime *int64 `json:"tradingAuthorityExpirationTime"`
		CreateTime                     *int64 `json:"createTime"`
	}
	if end, ok := binanceSigned(ctx, call, c, "/sapi/v1/account/apiRestrictions", &ar); !ok {
		return end
	}
	if ar.EnableReading == nil {
		return verdictUnreadable("permission")
	}
	p := Permissions{
		Read:     tri(ar.EnableReading),
		Withdraw: tri(ar.EnableWithdrawals),
		Transfer: anyTri(ar.EnableInternalTransfer, ar.PermitsUniversalTransfer),
		Futures:  tri(ar.EnableFutures),
		Margin:   tri(ar.EnableMargin),
		Trade:    anyTri(ar.EnableSpotAndMarginTrading, ar.EnableFutures, ar.EnableMargin, ar.EnableVanillaOptions, ar.EnablePortfolioMarginTrading),
	}
	res := Result{Status: Live, KeyExists: Yes, Reason: "the permission endpoint accepted the key", Permissions: p, IPRestricted: tri(ar.IPRestrict), PermissionsSource: "GET /sapi/v1/account/apiRestrictions"}
	if ar.TradingAuthorityExpirationTime != nil {
		res.Expires = unixTime(*ar.TradingAuthorityExpirationTime, time.Millisecond)
	}
	if ar.CreateTime != nil {
		res.Created = unixTime(*ar.CreateTime, time.Millisecond)
	}
	return res
}

type binanceUS struct{}

func (binanceUS) Spec() Spec {
	return Spec{Name: "binance-us", BaseURL: "https://api.binance.us", Endpoints: gets("/api/v3/time", "/api/v3/account"),
		Rate: 5, Burst: 5, Concurrency: 2,
		Notes: "GET /api/v3/account: live check; canTrade/canWithdraw are account-level flags, reported as trade/withdraw with that caveat. IP restriction unknown. Timestamp from GET /api/v3/time; no nonce.",
	}
}

func (binanceUS) Verify(ctx context.Context, call *Caller, c Credential) Result {
	var body json.RawMessage
	if end, ok := binanceSigned(ctx, call, c, "/api/v3/account", &body); !ok {
		return end
	}
	if r, ok := accountFlagsResult(body); ok {
		return r
	}
	return verdictUnreadable("account")
}

// accountFlagsResult reads a Binance-style GET /api/v3/account reply
// (Binance.US, MEXC): live, with the account-level canTrade/canWithdraw
// flags labelled as such. ok is false when the body is not such a reply.
func accountFlagsResult(body []byte) (Result, bool) {
	var acct struct {
		CanTrade    *bool `json:"canTrade"`
		CanWithdraw *bool `json:"canWithdraw"`
	}
	if json.Unmarshal(body, &acct) != nil || acct.CanTrade == nil {
		return Result{}, false
	}
	return Result{
		Status: Live, KeyExists: Yes, Reason: "the account endpoint accepted the key",
		Permissions:       Permissions{Read: Yes, Trade: tri(acct.CanTrade), Withdraw: tri(acct.CanWithdraw)},
		PermissionsSource: "account-level flags of GET /api/v3/account (not the key's own permissions)",
	}, true
}
