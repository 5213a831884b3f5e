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

// BitMEX verifies bitmex.com keys (HMAC-SHA256, api-expires scheme). One
// signed call to GET /api/v1/apiKey, which the official API explorer
// documents as "Get your API Keys" (a read-only GET that lists the
// account's keys with their permissions and CIDR allow-list), proves the
// key is live and reports what it can do: "order" is trading, "withdraw"
// is withdrawal, "orderCancel" is cancel-only. The verifier decodes only
// the entry whose id is the key being checked and never reads a secret
// field. When that endpoint refuses (HTTP 403 or 404 with no
// authentication error), GET /api/v1/user is the fallback liveness check
// and permissions stay unknown.
//
// BitMEX signs with api-expires, a deadline in unix seconds, not a nonce:
// nothing a verification sends can disturb the owner's requests. BitMEX
// documents no server-time endpoint, so the deadline is the local clock
// plus 60 seconds.
type BitMEX struct{}

// bitmexExpiry is how far in the future api-expires is set, in seconds.
const bitmexExpiry = 60

// Spec describes the BitMEX verifier.
func (BitMEX) Spec() Spec {
	return Spec{
		Name: "bitmex", BaseURL: "https://www.bitmex.com",
		Endpoints: gets("/api/v1/apiKey", "/api/v1/user"),
		// Authenticated REST calls are limited to 120 a minute.
		Rate: 1, Burst: 2, Concurrency: 1,
		Notes: "GET /api/v1/apiKey (documented in the official API explorer, marked unconfirmed in the reference): read, trade (order), withdraw, CIDR allow-list and creation time (created), for the matching key only; GET /api/v1/user is the fallback liveness check with permissions unknown. api-expires = local clock + 60 s; no nonce.",
	}
}

// bitmexKey is the part of an API key entry the verifier reads; the
// entry's secret field, if any, is deliberately not decoded.
type bitmexKey struct {
	ID              string            `json:"id"`
	CIDR            *string           `json:"cidr"`
	CIDRs           []json.RawMessage `json:"cidrs"`
	Permissions     []json.RawMessage `json:"permissions"`
	Enabled         *bool             `json:"enabled"`
	UserID          int64             `json:"userId"`
	TargetAccountID int64             `json:"targetAccountId"`
	Created         string            `json:"created"`
}

// bitmexGet sends a signed GET to path (no query, no body).
func bitmexGet(ctx context.Context, call *Caller, c Credential, path string) (*Response, Result, bool) {
	return fetch(ctx, call, Request{Method: http.MethodGet, Path: path}, func(r *Request) {
		expires := strconv.FormatInt(time.Now().Unix()+bitmexExpiry, 10)
		setHeaders(r.Header, "api-key", c.Key, "api-expires", expires,
			"api-signature", sign.BitMEX(c.Secret, http.MethodGet, path, expires, ""))
	}, nil)
}

// bitmexMessage returns the error message of a reply, or "".
func bitmexMessage(resp *Response) string {
	var be struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	_ = json.Unmarshal(resp.Body, &be)
	return be.Error.Message
}

// bitmexMessages are BitMEX's authentication errors (about the key or the
// signature, not the endpoint), told apart by their message.
var bitmexMessages = phrases{
	{"invalid api key", verdictUnknownKey},
	{"key is disabled", func(d string) Result {
		return Result{Status: Dead, KeyExists: Yes, Reason: "the key exists but is disabled (" + d + ")"}
	}},
	{"signature not valid", verdictSecretRejected},
	{"expired", verdictClockSkew},
}

// bitmexErrorResult interprets a BitMEX error reply; ok is false when the
// message is none of the authentication errors.
func bitmexErrorResult(resp *Response) (res Result, auth bool) {
	msg := bitmexMessage(resp)
	if msg == "" {
		return verdictUnexpected(resp), false
	}
	detail := fmt.Sprintf("BitMEX HTTP %d: %s", resp.Status, msg)
	return bitmexMessages.verdict(msg, detail), bitmexMessages.find(msg) != nil
}

// Verify checks a BitMEX credential.
func (BitMEX) Verify(ctx context.Context, call *Caller, c Credential) Result {
	resp, end, ok := bitmexGet(ctx, call, c, "/api/v1/apiKey")
	if !ok {
		return end
	}
	if resp.Status == http.StatusOK {
		var keys []bitmexKey
		if json.Unmarshal(resp.Body, &keys) != nil {
			return verdictUnreadable("API key list")
		}
		for _, k := range keys {
			if k.ID == c.Key {
				return bitmexKeyResult(k)
			}
		}
		return Result{Status: Live, KeyExists: Yes,
			Reason: "GET /api/v1/apiKey accepted the key but did not list it, so its permissions are unknown"}
	}
	res, auth := bitmexErrorResult(resp)
	if !auth && (resp.Status == http.StatusForbidden || resp.Status == http.StatusNotFound) {
		return bitmexUser(ctx, call, c, fmt.Sprintf("HTTP %d %s", resp.Status, bitmexMessage(resp)))
	}
	return res
}

// bitmexUser is the fallback liveness check; why says why the permission
// endpoint was not usable.
func bitmexUser(ctx context.Context, call *Caller, c Credential, why string) Result {
	resp, end, ok := bitmexGet(ctx, call, c, "/api/v1/user")
	if !ok {
		return end
	}
	if resp.Status != http.StatusOK {
		res, _ := bitmexErrorResult(resp)
		return res
	}
	var u struct {
		ID *int64 `json:"id"`
	}
	if json.Unmarshal(resp.Body, &u) != nil || u.ID == nil {
		return verdictUnreadable("user")
	}
	return Result{Status: Live, KeyExists: Yes, Account: "user " + strconv.FormatInt(*u.ID, 10),
		Reason: "GET /api/v1/user accepted the key; permissions are unknown because GET /api/v1/apiKey refused (" + strings.TrimSpace(why) + ")"}
}

// bitmexKeyResult maps the key's own entry to a Result.
func bitmexKeyResult(k bitmexKey) Result {
	if k.Enabled != nil && !*k.Enabled {
		return Result{Status: Dead, KeyExists: Yes, Reason: "the key exists but BitMEX lists it as disabled"}
	}
	res := Result{Status: Live, KeyExists: Yes, Reason: "the permission endpoint accepted the key",
		PermissionsSource: "GET /api/v1/apiKey", Permissions: Permissions{Read: Yes}}
	if k.Permissions != nil {
		var order, cancel, withdraw bool
		for _, raw := range k.Permissions {
			var p string
			if json.Unmarshal(raw, &p) != nil {
				continue
			}
			switch p {
			case "order":
				order = true
			case "orderCancel":
				cancel = true
			case "withdraw":
				withdraw = true
			}
		}
		res.Permissions.Trade, res.Permissions.Withdraw = TriOf(order), TriOf(withdraw)
		if cancel && !order {
			res.Reason += " (cancel-only: it may cancel orders but not place them)"
		}
	}
	res.IPRestricted, res.IPAllowlist = bitmexCIDRs(k)
	res.Created = rfc3339Time(k.Created)
	switch {
	case k.TargetAccountID != 0 && k.TargetAccountID != k.UserID:
		res.Account = "account " + strconv.FormatInt(k.TargetAccountID, 10)
	case k.UserID != 0:
		res.Account = "user " + strconv.FormatInt(k.UserID, 10)
	}
	return res
}

// bitmexCIDRs reads the key's allow-list. "0.0.0.0/0" and "::/0" allow
// every address; an entry with no CIDR fields says nothing.
func bitmexCIDRs(k bitmexKey) (Tri, []string) {
	var all []string
	known := k.CIDR != nil || k.CIDRs != nil
	if k.CIDR != nil && *k.CIDR != "" {
		all = append(all, *k.CIDR)
	}
	for _, raw := range k.CIDRs {
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			all = append(all, s)
		}
	}
	if !known {
		return Unknown, nil
	}
	var list []string
	seen := map[string]bool{}
	for _, s := range all {
		if s == "0.0.0.0/0" || s == "::/0" || seen[s] {
			continue
		}
		seen[s] = true
		list = append(list, s)
	}
	if len(list) == 0 {
		return No, nil
	}
	return Yes, list
}
