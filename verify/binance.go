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
	return Spec{
		Name:    name,
		BaseURL: base,
		Endpoints: []Endpoint{
			{http.MethodGet, "/api/v3/time"},
			{http.MethodGet, "/sapi/v1/account/apiRestrictions"},
		},
		Rate: 5, Burst: 5, Concurrency: 2,
		Notes: "GET /sapi/v1/account/apiRestrictions: read, trade (spot/margin, futures, margin, options, portfolio margin), withdraw, transfer (internal, universal), IP restriction. Timestamp from GET /api/v3/time; no nonce.",
	}
}

// binanceError is Binance's error body.
type binanceError struct {
	Code int    `json:"code"`
	Msg  string `json:"msg"`
}

// binanceTime returns the server's clock in milliseconds, or the local one.
func binanceTime(ctx context.Context, call *Caller) int64 {
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

// binanceSigned calls a SIGNED GET endpoint.
func binanceSigned(ctx context.Context, call *Caller, c Credential, path string) (*Response, error) {
	ts := binanceTime(ctx, call)
	return call.Do(ctx, Request{Method: http.MethodGet, Path: path}, func(r *Request) {
		q := "recvWindow=" + binanceRecvWindow + "&timestamp=" + strconv.FormatInt(ts, 10)
		r.RawQuery = q + "&signature=" + sign.Binance(c.Secret, q)
		r.Header.Set("X-MBX-APIKEY", c.Key)
	})
}

// binanceErrorResult interprets Binance's error codes.
func binanceErrorResult(resp *Response) Result {
	var be binanceError
	if json.Unmarshal(resp.Body, &be) != nil || be.Code == 0 {
		return Result{Status: Indeterminate, Reason: fmt.Sprintf("unexpected reply (HTTP %d)", resp.Status)}
	}
	code := fmt.Sprintf("Binance %d: %s", be.Code, be.Msg)
	switch be.Code {
	case -2014:
		return Result{Status: Dead, KeyExists: No, Reason: "key format rejected (" + code + ")"}
	case -2008:
		return Result{Status: Dead, KeyExists: No, Reason: "unknown key (" + code + ")"}
	case -1022:
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key exists but the secret was rejected: wrong pairing or a rotated secret (" + code + ")"}
	case -2015:
		return Result{Status: Indeterminate, Reason: "Binance does not say whether the key is unknown, IP-restricted or lacks permission (" + code + ")"}
	case -1021:
		return Result{Status: Indeterminate, Reason: "clock skew rejected the request (" + code + ")"}
	}
	return Result{Status: Indeterminate, Reason: code}
}

// Verify checks a Binance credential.
func (b Binance) Verify(ctx context.Context, call *Caller, c Credential) Result {
	resp, err := binanceSigned(ctx, call, c, "/sapi/v1/account/apiRestrictions")
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	if resp.Status != http.StatusOK {
		return binanceErrorResult(resp)
	}
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
	if err := json.Unmarshal(resp.Body, &ar); err != nil || ar.EnableReading == nil {
		return Result{Status: Indeterminate, Reason: "unreadable permission reply"}
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
	if ar.TradingAuthorityExpirationTime != nil && *ar.TradingAuthorityExpirationTime > 0 {
		t := time.UnixMilli(*ar.TradingAuthorityExpirationTime).UTC()
		res.Expires = &t
	}
	if ar.CreateTime != nil && *ar.CreateTime > 0 {
		t := time.UnixMilli(*ar.CreateTime).UTC()
		res.Created = &t
	}
	return res
}

type binanceUS struct{}

func (binanceUS) Spec() Spec {
	return Spec{
		Name:    "binance-us",
		BaseURL: "https://api.binance.us",
		Endpoints: []Endpoint{
			{http.MethodGet, "/api/v3/time"},
			{http.MethodGet, "/api/v3/account"},
		},
		Rate: 5, Burst: 5, Concurrency: 2,
		Notes: "GET /api/v3/account: live check; canTrade/canWithdraw are account-level flags, reported as trade/withdraw with that caveat. IP restriction unknown. Timestamp from GET /api/v3/time; no nonce.",
	}
}

func (binanceUS) Verify(ctx context.Context, call *Caller, c Credential) Result {
	resp, err := binanceSigned(ctx, call, c, "/api/v3/account")
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	if resp.Status != http.StatusOK {
		return binanceErrorResult(resp)
	}
	if r, ok := accountFlagsResult(resp.Body); ok {
		return r
	}
	return Result{Status: Indeterminate, Reason: "unreadable account reply"}
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
