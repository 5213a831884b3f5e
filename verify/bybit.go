package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// Bybit verifies Bybit v5 HMAC keys. One signed call to
// GET /v5/user/query-api ("any permission can access") proves the key is
// live and reports readOnly, the permission groups (trading groups, and
// Wallet's "Withdraw" and transfer entries), the bound IPs, the expiry of
// keys without an IP and whether it is a sub-account key.
// X-BAPI-TIMESTAMP comes from the public GET /v5/market/time with a
// recv window; no nonce. 10003 (unknown key) is read as dead for
// api.bybit.com: testnet, demo and regional keys live on other hosts.
type Bybit struct{}

const (
	bybitQueryAPIPath = "/v5/user/query-api"
	bybitTimePath     = "/v5/market/time"
	bybitRecvWindow   = "10000"
)

// Spec describes the Bybit verifier.
func (Bybit) Spec() Spec {
	return Spec{
		Name:    "bybit",
		BaseURL: "https://api.bybit.com",
		Endpoints: []Endpoint{
			{http.MethodGet, bybitTimePath},
			{http.MethodGet, bybitQueryAPIPath},
		},
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "GET /v5/user/query-api proves liveness and reports read-only, trade (spot/contract/derivatives/options), futures, withdraw and transfer (Wallet group), the IP allow-list, expiry and sub-account. Timestamp from GET /v5/market/time, recv window 10 s; no nonce.",
	}
}

// bybitTradeGroups are the permission groups that place orders.
var bybitTradeGroups = []string{"ContractTrade", "Spot", "Options", "Derivatives", "CopyTrading", "BlockTrade"}

// Verify checks a Bybit credential.
func (Bybit) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := gaClockOffset(ctx, call, bybitTimePath, func(b []byte) int64 {
		var t struct {
			Time   gaNum `json:"time"`
			Result struct {
				TimeSecond gaNum `json:"timeSecond"`
			} `json:"result"`
		}
		if json.Unmarshal(b, &t) != nil {
			return 0
		}
		if t.Time > 0 {
			return int64(t.Time)
		}
		return int64(t.Result.TimeSecond) * 1000
	})
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: bybitQueryAPIPath}, func(r *Request) {
		ts := strconv.FormatInt(time.Now().Add(off).UnixMilli(), 10)
		r.Header.Set("X-BAPI-API-KEY", c.Key)
		r.Header.Set("X-BAPI-TIMESTAMP", ts)
		r.Header.Set("X-BAPI-RECV-WINDOW", bybitRecvWindow)
		r.Header.Set("X-BAPI-SIGN", sign.Bybit(c.Secret, ts, c.Key, bybitRecvWindow, ""))
	})
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	var env struct {
		RetCode *int            `json:"retCode"`
		RetMsg  string          `json:"retMsg"`
		Result  json.RawMessage `json:"result"`
	}
	if json.Unmarshal(resp.Body, &env) != nil || env.RetCode == nil {
		return gaUnexpected(resp, "Bybit reply")
	}
	if *env.RetCode != 0 {
		return bybitErrorResult(*env.RetCode, env.RetMsg)
	}
	var k struct {
		Note        string              `json:"note"`
		ReadOnly    *int                `json:"readOnly"`
		Permissions map[string][]string `json:"permissions"`
		IPs         []string            `json:"ips"`
		ExpiredAt   string              `json:"expiredAt"`
		IsMaster    *bool               `json:"isMaster"`
		ParentUID   gaNum               `json:"parentUid"`
	}
	if json.Unmarshal(env.Result, &k) != nil || k.ReadOnly == nil {
		return gaUnreadable("query-api")
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the API-key endpoint accepted the key",
		Permissions:       bybitPermissions(*k.ReadOnly == 1, k.Permissions),
		PermissionsSource: "GET " + bybitQueryAPIPath,
		Account:           k.Note,
	}
	for _, ip := range k.IPs {
		if ip = strings.TrimSpace(ip); ip != "" && ip != "*" {
			res.IPAllowlist = append(res.IPAllowlist, ip)
		}
	}
	res.IPRestricted = TriOf(len(res.IPAllowlist) > 0) // [] and ["*"] mean any IP
	if t, err := time.Parse(time.RFC3339, k.ExpiredAt); err == nil {
		res.Expires = &t
	}
	if k.IsMaster != nil && !*k.IsMaster {
		res.Account = strings.TrimSpace(fmt.Sprintf("%s (sub-account of uid %d)", k.Note, k.ParentUID))
	}
	return res
}

// bybitPermissions maps readOnly and the permission groups.
func bybitPermissions(readOnly bool, groups map[string][]string) Permissions {
	if readOnly {
		return Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No, Margin: No}
	}
	p := Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No, Futures: No}
	for _, g := range bybitTradeGroups {
		if len(groups[g]) > 0 {
			p.Trade = Yes
		}
	}
	if len(groups["ContractTrade"]) > 0 || len(groups["Derivatives"]) > 0 {
		p.Futures = Yes
	}
	for _, w := range groups["Wallet"] {
		switch {
		case w == "Withdraw":
			p.Withdraw = Yes
		case strings.Contains(w, "Transfer"):
			p.Transfer = Yes
		}
	}
	return p
}

// bybitErrorResult interprets Bybit's retCode.
func bybitErrorResult(rc int, msg string) Result {
	code := fmt.Sprintf("Bybit %d: %s", rc, msg)
	switch rc {
	case 10003:
		return Result{Status: Dead, KeyExists: No, Reason: "unknown key on api.bybit.com; testnet, demo and regional keys live on other hosts (" + code + ")"}
	case 10004:
		return gaBadSecret("signature", code)
	case 10010:
		return gaIPRestricted(code)
	case 10002:
		return gaClockSkew(code)
	case 33004:
		return Result{Status: Dead, KeyExists: Yes, Reason: "the key exists but has expired (" + code + ")"}
	case 10005:
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key exists but was refused (" + code + ")"}
	}
	return verdictOther(code, msg)
}
