package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

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
	return Spec{
		Name:    "okx",
		BaseURL: "https://www.okx.com",
		Endpoints: []Endpoint{
			{http.MethodGet, okxTimePath},
			{http.MethodGet, okxConfigPath},
		},
		Rate: 2, Burst: 2, Concurrency: 2,
		NeedsPassphrase: true,
		Notes:           "GET /api/v5/account/config proves liveness and reports perm (read_only, trade, withdraw), the IP allow-list, label and sub-account uid. Timestamp from GET /api/v5/public/time; no nonce.",
	}
}

// okxEnvelope is OKX's reply wrapper.
type okxEnvelope struct {
	Code string          `json:"code"`
	Msg  string          `json:"msg"`
	Data json.RawMessage `json:"data"`
}

// Verify checks an OKX credential.
func (OKX) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := gaClockOffset(ctx, call, okxTimePath, func(b []byte) int64 {
		var t struct {
			Data []struct {
				TS gaNum `json:"ts"`
			} `json:"data"`
		}
		if json.Unmarshal(b, &t) != nil || len(t.Data) == 0 {
			return 0
		}
		return int64(t.Data[0].TS)
	})
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: okxConfigPath}, func(r *Request) {
		ts := sign.OKXTimestamp(time.Now().Add(off))
		r.Header.Set("OK-ACCESS-KEY", c.Key)
		r.Header.Set("OK-ACCESS-SIGN", sign.OKX(c.Secret, ts, http.MethodGet, okxConfigPath, ""))
		r.Header.Set("OK-ACCESS-TIMESTAMP", ts)
		r.Header.Set("OK-ACCESS-PASSPHRASE", c.Passphrase)
		r.Header.Set("Content-Type", "application/json")
	})
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	var env okxEnvelope
	if json.Unmarshal(resp.Body, &env) != nil || env.Code == "" {
		return gaUnexpected(resp, "OKX reply")
	}
	if env.Code != "0" {
		return okxErrorResult(env)
	}
	var data []struct {
		Perm    *string `json:"perm"`
		IP      string  `json:"ip"`
		Label   string  `json:"label"`
		UID     string  `json:"uid"`
		MainUID string  `json:"mainUid"`
	}
	if json.Unmarshal(env.Data, &data) != nil || len(data) == 0 || data[0].Perm == nil {
		return gaUnreadable("account config")
	}
	d := data[0]
	// The call itself needs the read permission, so read is yes.
	p := Permissions{Read: Yes, Trade: No, Withdraw: No}
	unlisted := false
	for _, perm := range gaSplit(*d.Perm) {
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
		gaUnlisted(&p)
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the account-config endpoint accepted the key",
		Permissions:       p,
		IPAllowlist:       gaSplit(d.IP),
		PermissionsSource: "GET " + okxConfigPath + " (perm)",
	}
	res.IPRestricted = TriOf(len(res.IPAllowlist) > 0)
	res.Account = d.Label
	if d.UID != "" && d.MainUID != "" && d.UID != d.MainUID {
		res.Account = strings.TrimSpace(d.Label + " (sub-account uid " + d.UID + " of main uid " + d.MainUID + ")")
	}
	return res
}

// okxErrorResult interprets OKX's error codes.
func okxErrorResult(env okxEnvelope) Result {
	code := "OKX " + env.Code + ": " + env.Msg
	switch env.Code {
	case "50111", "50119":
		return Result{Status: Dead, KeyExists: No, Reason: "unknown key on this host; OKX EEA and OKX US keys live on eea.okx.com and us.okx.com (" + code + ")"}
	case "50113":
		return gaBadSecret("signature", code)
	case "50105":
		return gaBadSecret("passphrase", code)
	case "50110":
		return gaIPRestricted(code)
	case "50100":
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key exists but is frozen (" + code + ")"}
	case "50101":
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key belongs to another OKX environment (demo trading or a broker domain) (" + code + ")"}
	case "50102":
		return gaClockSkew(code)
	}
	return verdictOther(code, env.Msg)
}
