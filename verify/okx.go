package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/keyhound/keyhound/verify/sign"
)

// OKX verifies OKX v5 keys (key, secret, passphrase). One signed call to
// GET /api/v5/account/config (it needs the read permission) proves the key
// is live and reports perm (read_only, trade, withdraw), the bound IPs,
// the key's label and whether it belongs to a sub-account (uid ≠
// mainUid). OK-ACCESS-TIMESTAMP comes from the public
// GET /api/v5/public/time; no nonce. 50111/50119 (unknown key) are read
// as dead for www.okx.com: keys of OKX EEA or OKX US live on other hosts
// (set an endpoint override to check those).
type OKX struct{}

const (
	okxConfigPath = "/api/v5/account/config"
	okxTimePath   = "/api/v5/public/time"
)

// Spec describes the OKX verifier.
func (OKX) Spec() Spec {
	return Spec{Name: "okx", BaseURL: "https://www.okx.com", Endpoints: gets(okxTimePath, okxConfigPath),
		Rate: 2, Burst: 2, Concurrency: 2, NeedsPassphrase: true,
		Notes: "GET /api/v5/account/config proves liveness and reports perm (read_only, trade, withdraw), the IP allow-list, label and sub-account uid. Timestamp from GET /api/v5/public/time; no nonce.",
	}
}

// Verify checks an OKX credential.
func (OKX) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, okxTimePath, millisAt(1, at("data", "0", "ts")))
	var env struct {
		Code string          `json:"code"`
		Msg  string          `json:"msg"`
		Data json.RawMessage `json:"data"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: okxConfigPath}, func(r *Request) {
		ts := sign.OKXTimestamp(off.now())
		setHeaders(r.Header, "OK-ACCESS-KEY", c.Key,
			"OK-ACCESS-SIGN", sign.OKX(c.Secret, ts, http.MethodGet, okxConfigPath, ""),
			"OK-ACCESS-TIMESTAMP", ts, "OK-ACCESS-PASSPHRASE", c.Passphrase,
			"Content-Type", "application/json")
	}, &env)
	switch {
	case !ok:
		return end
	case env.Code == "":
		return verdictUnexpected(resp)
	case env.Code != "0":
		return okxCodes.verdict(env.Code, "OKX "+env.Code+": "+env.Msg, env.Msg)
	}
	var data []struct {
		Perm    *string `json:"perm"`
		IP      string  `json:"ip"`
		Label   string  `json:"label"`
		UID     string  `json:"uid"`
		MainUID string  `json:"mainUid"`
	}
	if json.Unmarshal(env.Data, &data) != nil || len(data) == 0 || data[0].Perm == nil {
		return verdictUnreadable("account config")
	}
	d := data[0]
	// The call itself needs the read permission, so read is yes.
	p := Permissions{Read: Yes, Trade: No, Withdraw: No}
	unlisted := false
	for _, perm := range splitList(*d.Perm) {
		switch perm {
		case "read_only":
		case "trade":
			p.Trade = Yes
		case "withdraw":
			p.Withdraw = Yes
		default:
			unlisted = true
		}
	}
	if unlisted {
		unlistedUnknown(&p)
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the account-config endpoint accepted the key",
		Permissions:       p,
		IPAllowlist:       splitList(d.IP),
		PermissionsSource: "GET " + okxConfigPath + " (perm)",
	}
	res.IPRestricted = TriOf(len(res.IPAllowlist) > 0)
	res.Account = d.Label
	if d.UID != "" && d.MainUID != "" && d.UID != d.MainUID {
		res.Account = strings.TrimSpace(d.Label + " (sub-account uid " + d.UID + " of main uid " + d.MainUID + ")")
	}
	return res
}

// okxCodes are OKX's error codes.
var okxCodes = codes{
	"50111": okxUnknownKey, "50119": okxUnknownKey,
	"50113": verdictSecretRejected, "50105": verdictSecretRejected, // signature, passphrase
	"50110": verdictIPRestricted, "50100": verdictRefused, // frozen
	"50101": func(d string) Result {
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key belongs to another OKX environment (demo trading or a broker domain) (" + d + ")"}
	},
	"50102": verdictClockSkew,
}

// okxUnknownKey: unknown on this host; OKX EEA and OKX US keys live elsewhere.
func okxUnknownKey(d string) Result {
	return Result{Status: Dead, KeyExists: No, Reason: "unknown key on this host; OKX EEA and OKX US keys live on eea.okx.com and us.okx.com (" + d + ")"}
}
