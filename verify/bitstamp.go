package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/keyhound/keyhound/verify/sign"
)

// Bitstamp verifies Bitstamp v2 API keys (X-Auth header signing). One
// signed call, POST /api/v2/account_balances/, proves the key is live.
// Bitstamp has no endpoint that reports a key's permissions, so only read
// (the balance permission that call needs) is reported; trade and
// withdraw stay unknown. X-Auth-Nonce is a fresh UUID4 and
// X-Auth-Timestamp the local clock in milliseconds: v2 nonces only need to
// be unique within the timestamp window, so unlike the legacy v1 counter
// they set no floor that the owner's client could trip over. Bitstamp
// publishes no server-time endpoint.
type Bitstamp struct{}

const (
	bitstampPath = "/api/v2/account_balances/"
	// bitstampBody is the dummy form body CCXT sends on parameterless
	// POSTs, because Bitstamp answers an empty POST with API0020.
	bitstampBody        = "foo=bar"
	bitstampContentType = "application/x-www-form-urlencoded"
)

// Spec describes the Bitstamp verifier.
func (Bitstamp) Spec() Spec {
	return Spec{Name: "bitstamp", BaseURL: "https://www.bitstamp.net", Endpoints: []Endpoint{{http.MethodPost, bitstampPath}},
		Rate: 2, Burst: 2, Concurrency: 2,
		Notes: "POST /api/v2/account_balances/ proves liveness and the balance (read) permission; permissions unknown otherwise: no permission endpoint. IP restriction is known only when Bitstamp refuses the IP. X-Auth-Nonce is a UUID4 and X-Auth-Timestamp the local clock in ms (no nonce floor in v2).",
	}
}

// Verify checks a Bitstamp credential.
func (Bitstamp) Verify(ctx context.Context, call *Caller, c Credential) Result {
	req := Request{Method: http.MethodPost, Path: bitstampPath, Body: []byte(bitstampBody)}
	resp, end, ok := fetch(ctx, call, req, func(r *Request) {
		// UUIDv4 reads crypto/rand, which does not fail; an empty nonce
		// would only be refused by Bitstamp, never misread as live.
		nonce, _ := sign.UUIDv4(nil)
		ts := localClock.millis()
		setHeaders(r.Header, "X-Auth", "BITSTAMP "+c.Key, "X-Auth-Nonce", nonce, "X-Auth-Timestamp", ts,
			"X-Auth-Version", "v2", "Content-Type", bitstampContentType)
		r.Header.Set("X-Auth-Signature", sign.Bitstamp(c.Secret, sign.BitstampRequest{
			APIKey: c.Key, Method: r.Method, Host: call.Host(), Path: r.Path, Query: r.RawQuery,
			ContentType: bitstampContentType, Nonce: nonce, Timestamp: ts, Body: string(r.Body),
		}))
	}, nil)
	if !ok {
		return end
	}
	var balances []json.RawMessage
	if resp.Status == http.StatusOK && json.Unmarshal(resp.Body, &balances) == nil {
		return Result{
			Status: Live, KeyExists: Yes,
			Reason:            "the balance endpoint accepted the key; Bitstamp has no permission endpoint, so trade and withdraw are unknown",
			Permissions:       Permissions{Read: Yes},
			PermissionsSource: "inferred: POST /api/v2/account_balances/ needs the balance permission (Bitstamp reports no key permissions)",
		}
	}
	return bitstampErrorResult(resp)
}

// bitstampErrorResult interprets Bitstamp's {"status":"error","reason":…,
// "code":"API00xx"} replies; reason is a string or an object of lists.
func bitstampErrorResult(resp *Response) Result {
	var be struct {
		Status string          `json:"status"`
		Reason json.RawMessage `json:"reason"`
		Code   string          `json:"code"`
		Error  string          `json:"error"`
	}
	if json.Unmarshal(resp.Body, &be) != nil {
		return verdictUnexpected(resp)
	}
	reason := strings.TrimSpace(strings.Join(append(jsonStrings(be.Reason), be.Error), " "))
	if reason == "" && be.Code == "" {
		return verdictUnexpected(resp)
	}
	return bitstampErrors.verdict(be.Code+" "+reason, strings.TrimSpace("Bitstamp "+be.Code+": "+reason))
}

// bitstampErrors are Bitstamp's errors, told apart by their words (and
// API0005, a bad signature); "IP address not allowed" is an IP refusal.
var bitstampErrors = phrases{
	{"api key not found", verdictUnknownKey}, {"wrong api key format", verdictUnknownKey},
	{"invalid signature", verdictSecretRejected}, {"api0005", verdictSecretRejected},
	{"no permission found", verdictPermissionDenied},
	{"timestamp", verdictClockSkew}, {"invalid nonce", verdictClockSkew},
}
