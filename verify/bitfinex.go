package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/keyhound/keyhound/verify/sign"
)

// Bitfinex verifies Bitfinex v2 keys. One signed call to
// POST /v2/auth/r/permissions (read-only by design) proves the key is live
// and reports [scope, read, write] per scope: trade is orders or
// positions write, withdraw is withdraw write, transfer is wallets write
// (wallet and user-to-user transfers). Bitfinex does not report the IP
// allow-list.
//
// Nonce choice: Bitfinex keeps a per-key floor and its documentation
// shows microseconds (Date.now()*1000). A nonce larger than the owner's
// raises the floor and breaks the owner's software (reference §0.2), so
// the verifier sends milliseconds: an owner on the documented µs scheme
// simply rejects it ("nonce: small") with the floor untouched, and an
// owner on ms keeps working because their next ms timestamp is larger.
// A µs verifier nonce would permanently break every ms owner. The request
// is sent once (Spec.NonceFloor): Bitfinex answers every error, "nonce:
// small" included, with HTTP 500, and no retry follows with a larger nonce.
//
// "apikey: invalid" (10100) is indeterminate, never dead: the REST API
// gives it both for an unknown key and for an existing key signed with a
// wrong or rotated secret (users of bitfinex-api-node report it for keys
// that exist), so it does not say whether the key exists.
type Bitfinex struct{}

const (
	bitfinexPermPath = "/v2/auth/r/permissions"
	bitfinexBody     = "{}"
)

// Spec describes the Bitfinex verifier.
func (Bitfinex) Spec() Spec {
	return Spec{Name: "bitfinex", BaseURL: "https://api.bitfinex.com", Endpoints: []Endpoint{{http.MethodPost, bitfinexPermPath}},
		Rate: 1, Burst: 1, Concurrency: 1, NonceFloor: true,
		Notes: "POST /v2/auth/r/permissions proves liveness and reports read, trade (orders/positions write), withdraw and transfer (wallets write); IP allow-list not reported. Nonce: milliseconds, smaller than the documented µs scheme, sent once (Bitfinex answers errors with HTTP 500, which is never retried), so the owner's nonce floor is never raised above their own; \"nonce: small\" ends the check (key exists, indeterminate). \"apikey: invalid\" is indeterminate, never dead: REST says it for an unknown key and for a wrong or rotated secret alike.",
	}
}

// Verify checks a Bitfinex credential.
func (Bitfinex) Verify(ctx context.Context, call *Caller, c Credential) Result {
	var rows []json.RawMessage
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodPost, Path: bitfinexPermPath}, func(r *Request) {
		nonce := localClock.millis()
		r.Body = []byte(bitfinexBody)
		setHeaders(r.Header, "bfx-nonce", nonce, "bfx-apikey", c.Key,
			"bfx-signature", sign.Bitfinex(c.Secret, bitfinexPermPath, nonce, bitfinexBody),
			"Content-Type", "application/json")
	}, &rows)
	if !ok {
		return end
	}
	var tag string
	if len(rows) > 0 && json.Unmarshal(rows[0], &tag) == nil && tag == "error" {
		return bitfinexErrorResult(rows)
	}
	if resp.Status != http.StatusOK || len(rows) == 0 {
		return verdictUnexpected(resp)
	}
	type rw struct{ read, write bool }
	scopes := map[string]rw{}
	for _, row := range rows {
		var cells []json.RawMessage
		var scope string
		var read, write int
		if json.Unmarshal(row, &cells) != nil || len(cells) < 3 ||
			json.Unmarshal(cells[0], &scope) != nil || json.Unmarshal(cells[1], &read) != nil || json.Unmarshal(cells[2], &write) != nil {
			return verdictUnreadable("permissions")
		}
		scopes[scope] = rw{read == 1, write == 1}
	}
	write := func(names ...string) Tri {
		out := Unknown
		for _, n := range names {
			if s, ok := scopes[n]; ok {
				if s.write {
					return Yes
				}
				out = No
			}
		}
		return out
	}
	read := No
	for _, s := range scopes {
		if s.read {
			read = Yes
		}
	}
	return Result{
		Status: Live, KeyExists: Yes, Reason: "the permissions endpoint accepted the key; Bitfinex does not report IP allow-lists",
		Permissions: Permissions{
			Read:     read,
			Trade:    write("orders", "positions"),
			Withdraw: write("withdraw"),
			Transfer: write("wallets"),
		},
		PermissionsSource: "POST " + bitfinexPermPath,
	}
}

// bitfinexErrorResult interprets ["error", code, "message"].
func bitfinexErrorResult(rows []json.RawMessage) Result {
	var num int
	var msg string
	if len(rows) > 1 {
		_ = json.Unmarshal(rows[1], &num)
	}
	if len(rows) > 2 {
		_ = json.Unmarshal(rows[2], &msg)
	}
	detail := fmt.Sprintf("Bitfinex %d: %s", num, msg)
	switch {
	case strings.Contains(msg, "digest invalid"):
		return verdictSecretRejected(detail)
	case strings.Contains(msg, "apikey: invalid"):
		return verdictAmbiguous(detail) // REST: unknown key, or a wrong or rotated secret
	case num == 10114 || strings.Contains(msg, "nonce: small"):
		return verdictNonceRejected(detail)
	}
	return Result{Status: Indeterminate, Reason: detail}
}
