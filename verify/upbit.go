package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// Upbit verifies Upbit Open API keys (a JWT signed HS256 with the secret,
// claims access_key and a fresh UUIDv4 nonce; no query_hash, since the
// calls carry no parameters). GET /v1/accounts proves the key is live and
// that it holds the asset-view permission; Upbit reports no other
// permissions, so trade and withdraw are unknown. When it succeeds,
// GET /v1/api_keys is asked for the key's expire_at (a failure there
// changes nothing).
//
// Upbit's IP allow-list is mandatory, so most live leaked keys answer
// no_authorization_i_p: the key exists, this machine is not allowed, and
// the result is live and IP-restricted. invalid_access_key is an unknown
// key; jwt_verification for a key Upbit knows means the secret is wrong.
// The nonce is a random UUID, never a counter, so a verification cannot
// disturb the owner's requests.
type Upbit struct{}

// Spec describes the Upbit verifier.
func (Upbit) Spec() Spec {
	return Spec{
		Name: "upbit", BaseURL: "https://api.upbit.com",
		Endpoints: gets("/v1/accounts", "/v1/api_keys"),
		// Exchange API calls other than orders allow 30 a second.
		Rate: 2, Burst: 2, Concurrency: 1,
		Notes: "GET /v1/accounts: live and asset-view (read) permission; trade and withdraw unknown: no permission endpoint; no_authorization_i_p = live, IP-restricted (the allow-list is mandatory); GET /v1/api_keys adds expire_at. JWT HS256 with a random UUIDv4 nonce, no counter.",
	}
}

// upbitGet sends a GET with a fresh bearer token per attempt.
func upbitGet(ctx context.Context, call *Caller, c Credential, path string) (*Response, Result, bool) {
	return fetch(ctx, call, Request{Method: http.MethodGet, Path: path}, func(r *Request) {
		// Neither fails short of a broken random source; a request without
		// the header is refused by Upbit and reads as indeterminate.
		nonce, nerr := sign.UUIDv4(nil)
		token, terr := sign.UpbitJWT(c.Key, c.Secret, nonce, "", "HS256")
		if nerr == nil && terr == nil {
			r.Header.Set("Authorization", "Bearer "+token)
		}
	}, nil)
}

// upbitCodes are Upbit's error names.
var upbitCodes = codes{
	"invalid_access_key": verdictUnknownKey, "expired_access_key": verdictExpired,
	"jwt_verification": verdictSecretRejected, "no_authorization_i_p": verdictIPRestricted,
	"out_of_scope": verdictPermissionDenied,
}

// Verify checks an Upbit credential.
func (Upbit) Verify(ctx context.Context, call *Caller, c Credential) Result {
	resp, end, ok := upbitGet(ctx, call, c, "/v1/accounts")
	if !ok {
		return end
	}
	if resp.Status == http.StatusOK {
		var accounts []struct {
			Currency string `json:"currency"`
		}
		if json.Unmarshal(resp.Body, &accounts) != nil {
			return verdictUnreadable("accounts")
		}
		res := Result{Status: Live, KeyExists: Yes, Permissions: Permissions{Read: Yes},
			PermissionsSource: "read only: GET /v1/accounts requires the asset-view permission",
			Reason:            "the accounts endpoint accepted the key"}
		res.Expires = upbitExpiry(ctx, call, c)
		return res
	}
	var ue struct {
		Error struct {
			Name    string `json:"name"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(resp.Body, &ue) != nil || ue.Error.Name == "" {
		return verdictUnexpected(resp)
	}
	e := ue.Error
	return upbitCodes.verdict(e.Name, "Upbit "+e.Name+": "+e.Message, e.Message)
}

// upbitExpiry returns the key's expire_at from GET /v1/api_keys, or nil.
func upbitExpiry(ctx context.Context, call *Caller, c Credential) *time.Time {
	resp, _, ok := upbitGet(ctx, call, c, "/v1/api_keys")
	if !ok || resp.Status != http.StatusOK {
		return nil
	}
	var keys []struct {
		AccessKey string `json:"access_key"`
		ExpireAt  string `json:"expire_at"`
	}
	if json.Unmarshal(resp.Body, &keys) != nil {
		return nil
	}
	for _, k := range keys {
		if k.AccessKey != c.Key {
			continue
		}
		t, err := time.Parse(time.RFC3339, k.ExpireAt)
		if err != nil {
			return nil
		}
		t = t.UTC()
		return &t
	}
	return nil
}
