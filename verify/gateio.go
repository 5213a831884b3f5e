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

// GateIO verifies Gate.io APIv4 keys (HMAC-SHA512). One signed call,
// GET /api/v4/account/detail, proves the key is live and reports the
// key's IP allow-list (ip_whitelist) and the account's user_id. Gate has
// no endpoint that reports the calling key's own permissions (the
// sub-account key endpoints need the master key), so permissions stay
// unknown. The Timestamp header (seconds) comes from the public
// GET /api/v4/spot/time; Gate uses no nonce.
type GateIO struct{}

const gateioDetailPath = "/api/v4/account/detail"

// Spec describes the Gate.io verifier.
func (GateIO) Spec() Spec {
	return Spec{
		Name:    "gateio",
		BaseURL: "https://api.gateio.ws",
		Endpoints: []Endpoint{
			{http.MethodGet, "/api/v4/spot/time"},
			{http.MethodGet, gateioDetailPath},
		},
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "GET /api/v4/account/detail proves liveness and reports the key's IP allow-list and user id; permissions unknown: no permission endpoint for the calling key. An IP refusal, as the IP_FORBIDDEN label or as FORBIDDEN with \"Request IP not in whitelist\", is live and IP-restricted. Timestamp (seconds) from GET /api/v4/spot/time; no nonce.",
	}
}

// gateioTime returns the server's clock in seconds, or the local one.
func gateioTime(ctx context.Context, call *Caller) int64 {
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: "/api/v4/spot/time"}, nil)
	if err == nil && resp.Status == http.StatusOK {
		var t struct {
			ServerTime int64 `json:"server_time"`
		}
		if json.Unmarshal(resp.Body, &t) == nil && t.ServerTime > 0 {
			return t.ServerTime / 1000
		}
	}
	return time.Now().Unix()
}

// Verify checks a Gate.io credential.
func (GateIO) Verify(ctx context.Context, call *Caller, c Credential) Result {
	ts := strconv.FormatInt(gateioTime(ctx, call), 10)
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: gateioDetailPath}, func(r *Request) {
		r.Header.Set("Accept", "application/json")
		r.Header.Set("KEY", c.Key)
		r.Header.Set("Timestamp", ts)
		r.Header.Set("SIGN", sign.GateIO(c.Secret, r.Method, r.Path, r.RawQuery, string(r.Body), ts))
	})
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	if resp.Status != http.StatusOK {
		return gateioErrorResult(resp)
	}
	var d struct {
		UserID      *int64    `json:"user_id"`
		IPWhitelist *[]string `json:"ip_whitelist"`
	}
	if json.Unmarshal(resp.Body, &d) != nil || d.UserID == nil {
		return Result{Status: Indeterminate, Reason: "unreadable account detail reply"}
	}
	res := Result{
		Status: Live, KeyExists: Yes, Account: fmt.Sprintf("uid %d", *d.UserID),
		Reason: "the account endpoint accepted the key; Gate.io reports the key's IP allow-list but not its permissions",
	}
	if d.IPWhitelist != nil {
		res.IPRestricted = TriOf(len(*d.IPWhitelist) > 0)
		res.IPAllowlist = *d.IPWhitelist
	}
	return res
}

// gateioErrorResult interprets Gate's {"label","message"} errors.
func gateioErrorResult(resp *Response) Result {
	var ge struct {
		Label   string `json:"label"`
		Message string `json:"message"`
	}
	if json.Unmarshal(resp.Body, &ge) != nil || ge.Label == "" {
		return verdictUnexpected(resp)
	}
	detail := "Gate.io " + ge.Label + ": " + ge.Message
	switch {
	case ge.Label == "INVALID_KEY":
		return verdictUnknownKey(detail)
	case ge.Label == "INVALID_SIGNATURE":
		return verdictSecretRejected(detail)
	case ge.Label == "IP_FORBIDDEN", ipRefused(ge.Message): // also FORBIDDEN "Request IP not in whitelist: …"
		return verdictIPRestricted(detail)
	case ge.Label == "FORBIDDEN":
		return verdictPermissionDenied(detail)
	case ge.Label == "REQUEST_EXPIRED":
		return verdictClockSkew(detail)
	case ge.Label == "ACCOUNT_LOCKED":
		return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key exists but its account is locked (" + detail + ")"}
	}
	return Result{Status: Indeterminate, Reason: detail}
}
