package verify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/keyhound/keyhound/verify/sign"
)

// Deribit verifies Deribit API keys (client_id + client_secret). One call,
// GET /api/v2/public/auth, proves the key is live and returns the granted
// scope, which is the key's permission set: account, trade and wallet,
// each none, read or read_write (wallet:read_write allows withdrawals and
// transfers to other users; trade:read_write allows trading), and
// "mainaccount" when the key belongs to the main account. It authenticates
// with grant_type=client_signature (HMAC-SHA256 over timestamp, nonce and
// data) rather than client_credentials, so the secret never leaves the
// machine, and because Deribit documents that client_credentials may
// narrow a wallet:read_write scope to wallet:read, which would hide a
// withdrawal permission. The timestamp comes from the public
// GET /api/v2/public/get_time and the nonce is random: Deribit keeps no
// per-key nonce floor. The key's IP allow-list is only reported by
// private/list_api_keys, which also returns every key's client_secret, so
// it is never called and the IP restriction stays unknown. Deribit's
// invalid_credentials (13004) covers both an unknown client_id and a wrong
// secret, so it is indeterminate, never dead.
type Deribit struct{}

const deribitAuthPath = "/api/v2/public/auth"

// Spec describes the Deribit verifier.
func (Deribit) Spec() Spec {
	return Spec{Name: "deribit", BaseURL: "https://www.deribit.com", Endpoints: gets("/api/v2/public/get_time", deribitAuthPath),
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "GET /api/v2/public/auth (grant_type=client_signature, so the secret is never sent) proves liveness; its scope reports read, trade (trade:read_write), withdraw and transfer (wallet:read_write) and main/sub-account. IP restriction unknown (only private/list_api_keys reports it, and that returns secrets, so it is never called). Timestamp from GET /api/v2/public/get_time, random nonce; no nonce floor.",
	}
}

// deribitNonce returns a fresh random nonce.
func deribitNonce() string {
	b := make([]byte, 8)
	rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// Verify checks a Deribit credential.
func (Deribit) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/api/v2/public/get_time", millisAt(1, at("result")))
	var rep struct {
		Result *struct {
			Scope string `json:"scope"`
		} `json:"result"`
		Error *struct {
			Code    int             `json:"code"`
			Message string          `json:"message"`
			Data    json.RawMessage `json:"data"`
		} `json:"error"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: deribitAuthPath}, func(r *Request) {
		ts := off.millis()
		nonce := deribitNonce()
		r.RawQuery = url.Values{
			"grant_type": {"client_signature"},
			"client_id":  {c.Key},
			"timestamp":  {ts},
			"nonce":      {nonce},
			"signature":  {sign.Deribit(c.Secret, ts, nonce, "")},
		}.Encode()
	}, &rep)
	if !ok {
		return end
	}
	if rep.Error != nil {
		e := rep.Error
		text := strings.TrimSpace(e.Message + " " + strings.Join(jsonStrings(e.Data), " "))
		detail := "Deribit " + strconv.Itoa(e.Code) + ": " + text
		if e.Code == 13004 || e.Code == 13009 { // invalid_credentials, unauthorized
			if ipRefused(text) {
				return verdictIPRestricted(detail)
			}
			return verdictAmbiguous(detail)
		}
		return codes{"10028": verdictRateLimited}.verdict(strconv.Itoa(e.Code), detail, text)
	}
	if rep.Result == nil || resp.Status != http.StatusOK || strings.TrimSpace(rep.Result.Scope) == "" {
		return verdictUnreadable("auth")
	}
	return deribitScopeResult(rep.Result.Scope)
}

// deribitScopeResult maps a granted scope onto the result.
func deribitScopeResult(scope string) Result {
	levels := map[string]string{}
	main := false
	for _, f := range strings.Fields(scope) {
		if f == "mainaccount" {
			main = true
			continue
		}
		if k, v, ok := strings.Cut(f, ":"); ok {
			levels[k] = v
		}
	}
	// level maps one area: read_write grants, read or none denies, and an
	// area missing from the scope is unknown.
	level := func(area string) Tri {
		switch v, ok := levels[area]; {
		case !ok:
			return Unknown
		case v == "read_write":
			return Yes
		default:
			return No
		}
	}
	read := Unknown
	for _, area := range []string{"account", "trade", "wallet", "block_trade"} {
		switch levels[area] {
		case "read", "read_write":
			read = Yes
		}
	}
	if read == Unknown && levels["account"] == "none" && levels["trade"] == "none" && levels["wallet"] == "none" {
		read = No
	}
	trade := level("trade")
	if level("block_trade") == Yes {
		trade = Yes
	}
	wallet := level("wallet")
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "public/auth accepted the key and returned its scope; Deribit does not report the IP allow-list here",
		Permissions: Permissions{
			Read: read, Trade: trade, Futures: trade,
			Withdraw: wallet, Transfer: wallet,
		},
		PermissionsSource: "scope granted by GET /api/v2/public/auth",
		Account:           "subaccount",
	}
	if main {
		res.Account = "main account"
	}
	return res
}
