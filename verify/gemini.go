package verify

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/keyhound/keyhound/verify/sign"
)

// Gemini verifies Gemini keys (account- or master- keys). A signed
// POST /v1/roles proves the key is live and reports its roles: isTrader
// (trade), isFundManager (withdraw and transfer), isAuditor (read-only).
// Gemini does not report the IP allow-list, and it answers
// InvalidSignature both for an unknown key and for a wrong secret, so that
// answer is indeterminate, never dead.
//
// Nonce choice: a key either takes a "time-based" nonce (seconds within
// ±30 s of now, no floor) or keeps a per-key increasing floor that a
// larger verifier nonce would raise, breaking the owner's software
// (reference §0.2). The verifier sends the current time in seconds, once:
// it is what time-based keys require, and for floor keys it is the
// smallest plausible timestamp, so it is either accepted (an owner
// counting in seconds moves past it within a second) or rejected with
// InvalidNonce, the floor untouched. InvalidNonce ends the verification
// (the key exists; indeterminate): a second request would need a larger
// nonce, which could lift a millisecond owner's floor. One narrow race
// remains: a floor key whose owner counts in seconds and calls within the
// same second as the verifier has that second's nonce refused once.
type Gemini struct{}

const geminiRolesPath = "/v1/roles"

// Spec describes the Gemini verifier.
func (Gemini) Spec() Spec {
	return Spec{Name: "gemini", BaseURL: "https://api.gemini.com", Endpoints: []Endpoint{{http.MethodPost, geminiRolesPath}},
		Rate: 1, Burst: 2, Concurrency: 1, NonceFloor: true,
		Notes: "POST /v1/roles proves liveness and reports trade (isTrader), withdraw and transfer (isFundManager), read-only (isAuditor); IP allow-list not reported. Nonce: seconds, sent once (what time-based keys take; below any ms/µs owner's floor); InvalidNonce ends the check (key exists, indeterminate), no retry.",
	}
}

// Verify checks a Gemini credential.
func (Gemini) Verify(ctx context.Context, call *Caller, c Credential) Result {
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodPost, Path: geminiRolesPath}, func(r *Request) {
		nonce := localClock.seconds()
		payload := sign.GeminiPayload([]byte(`{"request":"` + geminiRolesPath + `","nonce":` + nonce + `}`))
		setHeaders(r.Header, "Content-Type", "text/plain", "Cache-Control", "no-cache",
			"X-GEMINI-APIKEY", c.Key, "X-GEMINI-PAYLOAD", payload,
			"X-GEMINI-SIGNATURE", sign.Gemini(c.Secret, payload))
	}, nil)
	if !ok {
		return end
	}
	if resp.Status != http.StatusOK {
		return geminiErrorResult(resp)
	}
	var roles struct {
		CounterpartyID string `json:"counterparty_id"`
		IsAuditor      *bool  `json:"isAuditor"`
		IsFundManager  *bool  `json:"isFundManager"`
		IsTrader       *bool  `json:"isTrader"`
	}
	if json.Unmarshal(resp.Body, &roles) != nil || (roles.IsAuditor == nil && roles.IsFundManager == nil && roles.IsTrader == nil) {
		return verdictUnreadable("roles")
	}
	read := Unknown
	if anyTri(roles.IsAuditor, roles.IsTrader, roles.IsFundManager) == Yes {
		read = Yes // every role can read the account
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the roles endpoint accepted the key; Gemini does not report IP allow-lists",
		Permissions: Permissions{
			Read:     read,
			Trade:    tri(roles.IsTrader),
			Withdraw: tri(roles.IsFundManager),
			Transfer: tri(roles.IsFundManager),
		},
		PermissionsSource: "POST " + geminiRolesPath,
	}
	if roles.CounterpartyID != "" {
		res.Account = "counterparty " + roles.CounterpartyID
	}
	return res
}

// geminiReasons are Gemini's error reasons. InvalidSignature is its
// answer both for an unknown key and for a wrong secret.
var geminiReasons = codes{
	"InvalidSignature": verdictAmbiguous, "InvalidNonce": verdictNonceRejected, "MissingRole": verdictRefused,
}

// geminiErrorResult interprets Gemini's {"result","reason","message"} errors.
func geminiErrorResult(resp *Response) Result {
	var ge struct {
		Reason  string `json:"reason"`
		Message string `json:"message"`
	}
	if json.Unmarshal(resp.Body, &ge) != nil || ge.Reason == "" {
		return verdictUnexpected(resp)
	}
	return geminiReasons.verdict(ge.Reason, "Gemini "+ge.Reason+": "+ge.Message, ge.Message)
}
