package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/keyhound/keyhound/verify/sign"
)

// WooX verifies WOO X keys (v3 HMAC-SHA256 signing). WOO X is the venue
// of the Kronos case, so the permission call matters most here: one signed
// GET /v3/account/credentials, documented at developer.woox.io as "Get
// account api key permission", lists the account's keys with their
// permissions (READ, TRADE, WITHDRAWAL) and their allowed IPs (the field is
// absent when a key has no IP restriction). The verifier reads only the
// entry whose apiKey is the key being checked. When that call is refused
// for anything but a malformed key or a rate limit (WOO X's -1002 merges
// "unknown key", "wrong secret", "insufficient permission" and "expired"),
// GET /v3/account/info is the fallback liveness check and permissions stay
// unknown; -1002 on both is indeterminate, never dead.
//
// WOO X signs with x-api-timestamp (milliseconds), not a nonce, taken from
// the public GET /v3/public/systemInfo clock.
type WooX struct{}

// wooxCredentialsQuery asks for the largest page, so the checked key is
// on it even for accounts with many sub-account keys.
const wooxCredentialsQuery = "page=1&size=1000"

// Spec describes the WOO X verifier.
func (WooX) Spec() Spec {
	return Spec{
		Name: "woox", BaseURL: "https://api.woox.io",
		Endpoints: gets("/v3/public/systemInfo", "/v3/account/credentials", "/v3/account/info"),
		// The credentials and account-info endpoints allow 10 requests a
		// minute; a verification makes at most three calls.
		Rate: 1, Burst: 3, Concurrency: 1,
		Notes: "GET /v3/account/credentials: read, trade, withdraw and allowed IPs of the matching key; GET /v3/account/info is the fallback liveness check with permissions unknown (the reference's /v1/client/info is superseded by v3). Timestamp from GET /v3/public/systemInfo; no nonce.",
	}
}

// wooxReply is WOO X's v3 envelope; code and message come with errors.
type wooxReply struct {
	Success *bool           `json:"success"`
	Code    lenient         `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// wooxCredential is one row of the credentials listing.
type wooxCredential struct {
	AccountName string    `json:"accountName"`
	APIKey      string    `json:"apiKey"`
	Permissions *[]string `json:"permissions"`
	AllowedIPs  *[]string `json:"allowedIPs"`
}

// wooxGet sends a signed v3 GET (off is the server clock offset) and
// decodes the envelope; ok is false when verification ends with end.
func wooxGet(ctx context.Context, call *Caller, c Credential, off clock, path, query string) (resp *Response, rep wooxReply, end Result, ok bool) {
	requestPath := path
	if query != "" {
		requestPath += "?" + query
	}
	resp, end, ok = fetch(ctx, call, Request{Method: http.MethodGet, Path: path, RawQuery: query}, func(r *Request) {
		ts := off.millis()
		setHeaders(r.Header, "x-api-key", c.Key, "x-api-timestamp", ts,
			"x-api-signature", sign.WooXV3(c.Secret, ts, http.MethodGet, requestPath, ""))
	}, &rep)
	if ok && rep.Success == nil {
		return resp, rep, verdictUnexpected(resp), false
	}
	return resp, rep, end, ok
}

// wooxCodes are WOO X's error codes. -1002 merges "unknown key", "wrong
// secret", "insufficient permission" and "expired".
var wooxCodes = codes{
	"-1001": func(d string) Result {
		return Result{Status: Dead, KeyExists: No, Reason: "the key is malformed (" + d + ")"}
	},
	"-1002": func(d string) Result {
		return Result{Status: Indeterminate, Reason: "WOO X does not say whether the key is unknown, expired, lacks permission or was signed with the wrong secret (" + d + ")"}
	},
	"-1003": verdictRateLimited,
}

// wooxErrorResult interprets a WOO X error envelope.
func wooxErrorResult(resp *Response, rep wooxReply) Result {
	return wooxCodes.verdict(string(rep.Code), fmt.Sprintf("WOO X %s: %s (HTTP %d)", rep.Code, rep.Message, resp.Status), rep.Message)
}

// Verify checks a WOO X credential.
func (WooX) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/v3/public/systemInfo", millisAt(1, at("timestamp")))
	resp, rep, end, ok := wooxGet(ctx, call, c, off, "/v3/account/credentials", wooxCredentialsQuery)
	switch {
	case !ok:
		return end
	case resp.Status == http.StatusOK && *rep.Success:
		return wooxCredentialsResult(rep, c.Key)
	case rep.Code == "-1001", rep.Code == "-1003":
		return wooxErrorResult(resp, rep)
	}
	return wooxAccountInfo(ctx, call, c, off, fmt.Sprintf("%s: %s", rep.Code, rep.Message))
}

// wooxCredentialsResult maps the checked key's row to a Result.
func wooxCredentialsResult(rep wooxReply, key string) Result {
	var data struct {
		Rows *[]wooxCredential `json:"rows"`
	}
	if json.Unmarshal(rep.Data, &data) != nil || data.Rows == nil {
		return verdictUnreadable("credentials")
	}
	for _, row := range *data.Rows {
		if row.APIKey != key {
			continue
		}
		res := Result{Status: Live, KeyExists: Yes, Reason: "the permission endpoint accepted the key",
			PermissionsSource: "GET /v3/account/credentials", Account: row.AccountName}
		if row.Permissions != nil {
			has := map[string]bool{}
			for _, p := range *row.Permissions {
				has[strings.ToUpper(p)] = true
			}
			res.Permissions = Permissions{
				Read:     TriOf(has["READ"]),
				Trade:    TriOf(has["TRADE"]),
				Withdraw: TriOf(has["WITHDRAWAL"] || has["WITHDRAW"]),
			}
			if has["TRANSFER"] || has["INTERNAL_TRANSFER"] {
				res.Permissions.Transfer = Yes
			}
		}
		// The field is documented as hidden when the key has no IP restriction.
		res.IPRestricted = No
		if row.AllowedIPs != nil && len(*row.AllowedIPs) > 0 {
			res.IPRestricted, res.IPAllowlist = Yes, *row.AllowedIPs
		}
		return res
	}
	return Result{Status: Live, KeyExists: Yes,
		Reason: "GET /v3/account/credentials accepted the key but did not list it, so its permissions are unknown"}
}

// wooxAccountInfo is the fallback liveness check; why is the credentials
// endpoint's refusal.
func wooxAccountInfo(ctx context.Context, call *Caller, c Credential, off clock, why string) Result {
	resp, rep, end, ok := wooxGet(ctx, call, c, off, "/v3/account/info", "")
	if !ok {
		return end
	}
	if resp.Status != http.StatusOK || !*rep.Success {
		return wooxErrorResult(resp, rep)
	}
	var info struct {
		Account string `json:"account"`
		Alias   string `json:"alias"`
	}
	if json.Unmarshal(rep.Data, &info) != nil {
		return verdictUnreadable("account")
	}
	account := info.Alias
	if account == "" {
		account = info.Account
	}
	return Result{Status: Live, KeyExists: Yes, Account: account,
		Reason: "GET /v3/account/info accepted the key; permissions are unknown because GET /v3/account/credentials refused (" + why + ")"}
}
