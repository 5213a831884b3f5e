package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/keyhound/keyhound/verify/sign"
)

// Bitget verifies Bitget keys (HMAC-SHA256, with the passphrase sent in
// ACCESS-PASSPHRASE). One signed call, GET /api/v2/spot/account/info,
// proves the key is live and reports its authorities and its IP
// allow-list (ips). Bitget documents the authority codes (coow/cpow
// futures, stow spot, smow margin, ttow copy trading, wtow wallet
// transfer, wwow withdraw, and their read-only *or twins); a reply with a
// code outside that list (such as the "trade"/"readonly" of the doc's
// example) reports only what it proves, leaving the rest unknown. The
// ACCESS-TIMESTAMP (ms) comes from the public GET /api/v2/public/time; no
// nonce.
type Bitget struct{}

const bitgetInfoPath = "/api/v2/spot/account/info"

// Spec describes the Bitget verifier.
func (Bitget) Spec() Spec {
	return Spec{
		Name: "bitget", BaseURL: "https://api.bitget.com",
		Endpoints: gets("/api/v2/public/time", bitgetInfoPath),
		// The info endpoint allows 1 request per second per account; the
		// burst of 2 lets the public time call precede it without a wait.
		Rate: 1, Burst: 2, Concurrency: 1,
		NeedsPassphrase: true,
		Notes:           "GET /api/v2/spot/account/info proves liveness and reports the key's authorities (read, spot/margin/futures/copy trading, wallet transfer, withdraw) and IP allow-list (ips). Timestamp from GET /api/v2/public/time; no nonce.",
	}
}

// Verify checks a Bitget credential.
func (Bitget) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/api/v2/public/time", millisAt(1, at("data", "serverTime")))
	var rep struct {
		Code lenient         `json:"code"`
		Msg  string          `json:"msg"`
		Data json.RawMessage `json:"data"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: bitgetInfoPath}, func(r *Request) {
		ts := off.millis()
		setHeaders(r.Header, "ACCESS-KEY", c.Key,
			"ACCESS-SIGN", sign.Bitget(c.Secret, ts, r.Method, r.Path, r.RawQuery, string(r.Body)),
			"ACCESS-TIMESTAMP", ts, "ACCESS-PASSPHRASE", c.Passphrase, "locale", "en-US",
			"Content-Type", "application/json")
	}, &rep)
	switch {
	case !ok:
		return end
	case rep.Code == "":
		return verdictUnexpected(resp)
	case resp.Status != http.StatusOK || rep.Code != "00000":
		return bitgetCodes.verdict(string(rep.Code), "Bitget "+string(rep.Code)+": "+rep.Msg, rep.Msg)
	}
	var info struct {
		UserID      lenient  `json:"userId"`
		IPs         *string  `json:"ips"`
		Authorities []string `json:"authorities"`
		ParentID    lenient  `json:"parentId"`
	}
	if json.Unmarshal(rep.Data, &info) != nil || info.UserID == "" {
		return verdictUnreadable("account info")
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the account info endpoint accepted the key",
		Account: "uid " + string(info.UserID),
	}
	if p := info.ParentID; p != "" && p != "0" && p != info.UserID {
		res.Account += ", main account uid " + string(p)
	}
	if len(info.Authorities) > 0 {
		res.Permissions = bitgetPermissions(info.Authorities)
		res.PermissionsSource = "authorities of GET /api/v2/spot/account/info"
	} else {
		res.Reason += "; it reported no authorities, so permissions are unknown"
	}
	if info.IPs != nil {
		res.IPAllowlist = splitList(*info.IPs)
		res.IPRestricted = TriOf(len(res.IPAllowlist) > 0)
	}
	return res
}

// bitgetAuthorities are the documented authority codes: read-only (…r)
// and read-write (…w) for futures orders and holdings, spot, margin, copy
// trading, wallet transfer, tax, sub-accounts, P2P and pledge loans, plus
// wallet withdraw.
var bitgetAuthorities = map[string]bool{
	"coor": true, "cpor": true, "stor": true, "smor": true, "ttor": true, "wtor": true,
	"taxr": true, "chor": true, "p2pr": true, "pllr": true,
	"coow": true, "cpow": true, "stow": true, "smow": true, "ttow": true, "wtow": true,
	"wwow": true, "chow": true, "p2p": true, "p2pw": true, "pllw": true, "taxw": true,
}

// bitgetPermissions maps authority codes. Codes grant; the absence of a
// code denies only when every code in the list is a documented one.
func bitgetPermissions(auth []string) Permissions {
	has := map[string]bool{}
	complete := true
	for _, a := range auth {
		a = strings.ToLower(strings.TrimSpace(a))
		has[a] = true
		if !bitgetAuthorities[a] {
			complete = false
		}
	}
	grant := func(codes ...string) Tri {
		for _, c := range codes {
			if has[c] {
				return Yes
			}
		}
		if complete {
			return No
		}
		return Unknown
	}
	return Permissions{
		Read:     Yes, // the info endpoint itself needs spot read
		Trade:    grant("stow", "smow", "coow", "cpow", "ttow", "trade"),
		Futures:  grant("coow", "cpow"),
		Margin:   grant("smow"),
		Transfer: grant("wtow"),
		Withdraw: grant("wwow"),
	}
}

// bitgetCodes are Bitget's error codes.
var bitgetCodes = codes{
	"40006": verdictUnknownKey, "40037": verdictUnknownKey, "40009": verdictSecretRejected,
	"40012": verdictSecretRejected, // "apikey/passphrase incorrect"
	"40018": verdictIPRestricted, "40014": verdictPermissionDenied,
	"40005": verdictClockSkew, "40008": verdictClockSkew,
}
