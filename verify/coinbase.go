package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// Coinbase verifies Coinbase Developer Platform (CDP) secret API keys: a
// key name (organizations/{org}/apiKeys/{id}, or a bare key id) and its
// EC P-256 (ES256) or Ed25519 (EdDSA) private key. One call to
// GET /api/v3/brokerage/key_permissions with a fresh 2-minute bearer JWT
// proves the key is live and reports can_view, can_trade and can_transfer
// (transfer is "send funds on and off platform", so it counts as both
// withdraw and transfer) and the key's portfolio. Coinbase does not report
// the key's IP allow-list. The JWT's nbf/exp come from the public server
// clock (GET /api/v3/brokerage/time); there is no nonce floor to disturb.
//
// Coinbase answers 401 alike for an unknown or revoked key, a private key
// that does not belong to the key name, and (unconfirmed) a call from
// outside the key's IP allow-list, so a 401 is indeterminate, never dead.
type Coinbase struct{}

const (
	coinbasePermPath = "/api/v3/brokerage/key_permissions"
	coinbaseTimePath = "/api/v3/brokerage/time"
)

// Spec describes the Coinbase CDP verifier.
func (Coinbase) Spec() Spec {
	return Spec{Name: "coinbase", BaseURL: "https://api.coinbase.com", Endpoints: gets(coinbaseTimePath, coinbasePermPath),
		Rate: 3, Burst: 3, Concurrency: 2,
		Notes: "GET /api/v3/brokerage/key_permissions proves liveness and reports view, trade and transfer (transfer = send funds off platform, reported as withdraw and transfer) and the portfolio; IP allow-list not reported. ES256/EdDSA JWT valid 120 s, timed by GET /api/v3/brokerage/time; no nonce.",
	}
}

// Verify checks a Coinbase CDP credential.
func (Coinbase) Verify(ctx context.Context, call *Caller, c Credential) Result {
	priv := c.PrivateKey
	if priv == "" {
		priv = c.Secret
	}
	if _, err := sign.CoinbaseJWT(c.Key, priv, "", time.Now(), nil); err != nil {
		return Result{Status: Indeterminate, Reason: "the private key cannot sign a CDP token (not an EC P-256 PEM or Ed25519 base64 key): " + err.Error()}
	}
	off := serverClock(ctx, call, coinbaseTimePath, firstOf(millisAt(1, at("epochMillis")), millisAt(1000, at("epochSeconds"))))
	uri := sign.CoinbaseURI(http.MethodGet, call.Host(), coinbasePermPath)
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: coinbasePermPath}, func(r *Request) {
		if tok, err := sign.CoinbaseJWT(c.Key, priv, uri, off.now(), nil); err == nil {
			r.Header.Set("Authorization", "Bearer "+tok)
		}
	}, nil)
	if !ok {
		return end
	}
	switch resp.Status {
	case http.StatusOK:
	case http.StatusUnauthorized:
		return Result{Status: Indeterminate, Reason: "Coinbase answered 401 (" + replyMessage(resp.Body) + "): it says the same for an unknown or revoked key, a private key that does not match the key name and (unconfirmed) a call from outside the key's IP allow-list"}
	case http.StatusForbidden:
		return Result{Status: Indeterminate, Reason: "Coinbase refused the call (HTTP 403: " + replyMessage(resp.Body) + "); possibly an IP allow-list (unconfirmed)"}
	default:
		return verdictUnexpected(resp)
	}
	var kp struct {
		CanView       *bool  `json:"can_view"`
		CanTrade      *bool  `json:"can_trade"`
		CanTransfer   *bool  `json:"can_transfer"`
		PortfolioUUID string `json:"portfolio_uuid"`
		PortfolioType string `json:"portfolio_type"`
	}
	if json.Unmarshal(resp.Body, &kp) != nil || kp.CanView == nil {
		return verdictUnreadable("key_permissions")
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "the key-permissions endpoint accepted the key; Coinbase does not report IP allow-lists",
		Permissions: Permissions{
			Read:     tri(kp.CanView),
			Trade:    tri(kp.CanTrade),
			Withdraw: tri(kp.CanTransfer),
			Transfer: tri(kp.CanTransfer),
		},
		PermissionsSource: "GET " + coinbasePermPath,
	}
	if kp.PortfolioUUID != "" {
		res.Account = "portfolio " + kp.PortfolioUUID
		if kp.PortfolioType != "" {
			res.Account += " (" + kp.PortfolioType + ")"
		}
	}
	return res
}

// CoinbaseExchange verifies legacy Coinbase Exchange (ex-Pro/GDAX) keys:
// key, base64 secret and passphrase, HMAC-SHA256 signed. GET /accounts
// proves the key is live and can read (it needs the "view" permission);
// Coinbase Exchange has no endpoint that reports a key's other
// permissions, so trade, withdraw and transfer stay unknown. The
// CB-ACCESS-TIMESTAMP comes from the public GET /time; no nonce.
type CoinbaseExchange struct{}

const coinbaseExAccountsPath = "/accounts"

// Spec describes the Coinbase Exchange verifier.
func (CoinbaseExchange) Spec() Spec {
	return Spec{Name: "coinbase-exchange", BaseURL: "https://api.exchange.coinbase.com", Endpoints: gets("/time", coinbaseExAccountsPath),
		Rate: 3, Burst: 3, Concurrency: 2, NeedsPassphrase: true,
		Notes: "GET /accounts proves liveness and read (view) access; permissions otherwise unknown: no permission endpoint. IP allow-list errors are recognised. CB-ACCESS-TIMESTAMP (seconds) from GET /time; no nonce.",
	}
}

// Verify checks a Coinbase Exchange credential.
func (CoinbaseExchange) Verify(ctx context.Context, call *Caller, c Credential) Result {
	if _, err := sign.CoinbaseExchange(c.Secret, "0", http.MethodGet, coinbaseExAccountsPath, ""); err != nil {
		return Result{Status: Indeterminate, Reason: "the secret is unusable: " + err.Error()}
	}
	off := serverClock(ctx, call, "/time", millisAt(1000, at("epoch")))
	resp, end, ok := fetch(ctx, call, Request{Method: http.MethodGet, Path: coinbaseExAccountsPath}, func(r *Request) {
		ts := off.seconds()
		sig, _ := sign.CoinbaseExchange(c.Secret, ts, http.MethodGet, coinbaseExAccountsPath, "")
		setHeaders(r.Header, "CB-ACCESS-KEY", c.Key, "CB-ACCESS-SIGN", sig, "CB-ACCESS-TIMESTAMP", ts,
			"CB-ACCESS-PASSPHRASE", c.Passphrase, "Content-Type", "application/json")
	}, nil)
	if !ok {
		return end
	}
	if resp.Status == http.StatusOK {
		var accts []struct {
			ID        string `json:"id"`
			Currency  string `json:"currency"`
			ProfileID string `json:"profile_id"`
		}
		if json.Unmarshal(resp.Body, &accts) != nil {
			return verdictUnreadable("accounts")
		}
		res := Result{
			Status: Live, KeyExists: Yes,
			Reason:      "GET /accounts accepted the key; Coinbase Exchange has no endpoint reporting a key's permissions, so trade, withdraw and transfer are unknown",
			Permissions: Permissions{Read: Yes},
		}
		if len(accts) > 0 && accts[0].ProfileID != "" {
			res.Account = "profile " + accts[0].ProfileID
		}
		return res
	}
	// Only the exchange's JSON error says anything about the key: plain
	// text (a proxy, a captive portal) is never read as a verdict.
	msg, ok := jsonMessage(resp.Body)
	if !ok {
		return verdictUnexpected(resp)
	}
	detail := fmt.Sprintf("HTTP %d: %s", resp.Status, msg)
	return coinbaseExMessages.verdict(msg, "Coinbase Exchange "+detail)
}

// coinbaseExMessages are Coinbase Exchange's errors, told apart by their
// message (in this order: an IP refusal names neither key nor signature).
var coinbaseExMessages = phrases{
	{"invalid api key", verdictUnknownKey},
	{"whitelist", verdictIPRestricted}, {"allowlist", verdictIPRestricted}, {"ip address", verdictIPRestricted},
	{"passphrase", verdictSecretRejected}, {"signature", verdictSecretRejected},
	{"timestamp", verdictClockSkew},
}
