package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// CryptoCom verifies Crypto.com Exchange keys (JSON-RPC over POST, with an
// HMAC-SHA256 "sig" in the body). One signed call, private/user-balance
// (POST /exchange/v1/private/user-balance), proves the key is live; the
// Exchange API has no method that reports a key's permissions, so only
// read (the default "Can Read" permission the call needs) is reported.
// The nonce is the local clock in milliseconds: Crypto.com checks it
// against a window around its own clock, not against a per-key floor, so
// a verification cannot disturb the owner's client. Crypto.com's 40101
// covers both an unknown key and a bad signature, so that reply is
// indeterminate, never dead.
type CryptoCom struct{}

const (
	cryptocomMethod = "private/user-balance"
	cryptocomPath   = "/exchange/v1/" + cryptocomMethod
)

// Spec describes the Crypto.com Exchange verifier.
func (CryptoCom) Spec() Spec {
	return Spec{Name: "cryptocom", BaseURL: "https://api.crypto.com", Endpoints: []Endpoint{{http.MethodPost, cryptocomPath}},
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "POST /exchange/v1/private/user-balance (JSON-RPC) proves liveness and the read permission; permissions unknown otherwise: no permission endpoint. IP restriction is known only when Crypto.com refuses the IP (40103). Nonce: local clock in ms, checked against a time window (no per-key floor).",
	}
}

// cryptocomRequest is the JSON-RPC request body, in the official order.
type cryptocomRequest struct {
	ID     int64             `json:"id"`
	Method string            `json:"method"`
	APIKey string            `json:"api_key"`
	Params map[string]string `json:"params"`
	Nonce  int64             `json:"nonce"`
	Sig    string            `json:"sig"`
}

// Verify checks a Crypto.com Exchange credential.
func (CryptoCom) Verify(ctx context.Context, call *Caller, c Credential) Result {
	var rep struct {
		Code    lenient         `json:"code"`
		Message string          `json:"message"`
		Result  json.RawMessage `json:"result"`
	}
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodPost, Path: cryptocomPath}, func(r *Request) {
		nonce := time.Now().UnixMilli()
		body := cryptocomRequest{ID: 1, Method: cryptocomMethod, APIKey: c.Key, Params: map[string]string{}, Nonce: nonce}
		body.Sig = sign.CryptoCom(c.Secret, body.Method, body.ID, c.Key, body.Params, nonce)
		r.Body, _ = json.Marshal(body) // a struct of strings and ints always marshals
		r.Header.Set("Content-Type", "application/json")
	}, &rep)
	switch {
	case !ok:
		return end
	case rep.Code == "", rep.Code == "0" && (resp.Status != http.StatusOK || len(rep.Result) == 0 || string(rep.Result) == "null"):
		return verdictUnexpected(resp) // no code, or "success" without a result
	case rep.Code == "0":
		return Result{
			Status: Live, KeyExists: Yes,
			Reason:            "the balance method accepted the key; Crypto.com has no permission endpoint, so trade and withdraw are unknown",
			Permissions:       Permissions{Read: Yes},
			PermissionsSource: "inferred: private/user-balance needs the read permission (Crypto.com reports no key permissions)",
		}
	}
	return cryptocomCodes.verdict(string(rep.Code), "Crypto.com "+string(rep.Code)+": "+rep.Message, rep.Message)
}

// cryptocomCodes are Crypto.com's error codes (v1 and the legacy v2 ones).
var cryptocomCodes = codes{
	"40101": verdictAmbiguous, "10002": verdictAmbiguous,
	"40103": verdictIPRestricted, "10003": verdictIPRestricted,
	"40102": verdictClockSkew, "10007": verdictClockSkew,
	"40104": verdictRefused, "10005": verdictRefused, // account tier may not use the API
}
