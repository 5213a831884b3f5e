package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

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
	return Spec{Name: "gateio", BaseURL: "https://api.gateio.ws", Endpoints: gets("/api/v4/spot/time", gateioDetailPath),
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "GET /api/v4/account/detail proves liveness and reports the key's IP allow-list and user id; permissions unknown: no permission endpoint for the calling key. An IP refusal, as the IP_FORBIDDEN label or as FORBIDDEN with \"Request IP not in whitelist\", is live and IP-restricted. Timestamp (seconds) from GET /api/v4/spot/time; no nonce.",
	}
}

// Verify checks a Gate.io credential.
func (GateIO) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/api/v4/spot/time", millisAt(1, at("server_time")))
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: gateioDetailPath}, func(r *Request) {
		ts := off.seconds()
		setHeaders(r.Header, "Accept", "application/json", "KEY", c.Key, "Timestamp", ts,
			"SIGN", sign.GateIO(c.Secret, r.Method, r.Path, r.RawQuery, string(r.Body), ts))
	}, nil)
	if !ok {
		return end
	}
	if resp.Status != http.StatusOK {
		return gateioErrorResult(resp)
	}
	var d struct {
		UserID      *int64    `json:"user_id"`
		IPWhitelist *[]string `json:"ip_whitelist"`
	}
	if json.Unmarshal(resp.Body, &d) != nil || d.UserID == nil {
		return verdictUnreadable("account detail")
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

// gateioLabels are Gate's error labels. FORBIDDEN also carries IP
// refusals ("Request IP not in whitelist: …"), so the message is read
// before the label.
var gateioLabels = codes{
	"INVALID_KEY": verdictUnknownKey, "INVALID_SIGNATURE": verdictSecretRejected,
	"IP_FORBIDDEN": verdictIPRestricted, "FORBIDDEN": verdictPermissionDenied,
	"REQUEST_EXPIRED": verdictClockSkew, "ACCOUNT_LOCKED": verdictRefused,
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
	if ge.Label == "FORBIDDEN" && ipRefused(ge.Message) {
		return verdictIPRestricted(detail)
	}
	return gateioLabels.verdict(ge.Label, detail, ge.Message)
}
