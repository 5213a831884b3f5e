package verify

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// Kraken verifies Kraken Spot API keys. One signed call to
// POST /0/private/GetApiKeyInfo (it needs no permission) proves the key
// is live and reports its permission list, IP allow-list, expiry and name.
//
// Nonce choice: Kraken keeps a per-key floor, and a nonce larger than the
// owner's permanently raises it, after which the owner's own software
// fails with "EAPI:Invalid nonce" (reference §0.2). The verifier sends the
// current time in milliseconds, the scheme of Kraken's documentation and
// of the common clients (krakenex, CCXT): an owner counting in ms keeps
// working, since the next ms timestamp is already larger, and an owner
// counting in µs or ns rejects the smaller verifier nonce without any
// change to the floor. Only owners using seconds or small counters could
// be disturbed; no scheme avoids that for everybody. The request is sent
// once (Spec.NonceFloor): neither "Invalid nonce" nor a server error is
// ever followed by a request with a larger nonce.
type Kraken struct{}

const krakenKeyInfoPath = "/0/private/GetApiKeyInfo"

// Spec describes the Kraken verifier.
func (Kraken) Spec() Spec {
	return Spec{Name: "kraken", BaseURL: "https://api.kraken.com", Endpoints: []Endpoint{{http.MethodPost, krakenKeyInfoPath}},
		Rate: 0.5, Burst: 1, Concurrency: 1, NonceFloor: true,
		Notes: "POST /0/private/GetApiKeyInfo proves liveness and reports read (query/export), trade (order permissions), withdraw, the IP allow-list, expiry (validUntil), creation time (createdTime) and key name. Nonce: milliseconds (Kraken's documented scheme), sent once, so an owner counting in ms or finer never has the nonce floor raised above their own; \"Invalid nonce\" ends the check (key exists, indeterminate) and nothing is retried with a larger nonce.",
	}
}

// Verify checks a Kraken credential.
func (Kraken) Verify(ctx context.Context, call *Caller, c Credential) Result {
	if _, err := sign.Kraken(c.Secret, krakenKeyInfoPath, "1", "nonce=1"); err != nil {
		return Result{Status: Indeterminate, Reason: "the private key is unusable: " + err.Error()}
	}
	var kr struct {
		Error  []string `json:"error"`
		Result *struct {
			APIKeyName  string   `json:"apiKeyName"`
			Permissions []string `json:"permissions"`
			IPAllowlist []string `json:"ipAllowlist"`
			ValidUntil  lenient  `json:"validUntil"`
			CreatedTime lenient  `json:"createdTime"`
		} `json:"result"`
	}
	_, end, ok := fetch(ctx, call, Request{Method: http.MethodPost, Path: krakenKeyInfoPath}, func(r *Request) {
		nonce := localClock.millis()
		body := "nonce=" + nonce
		sig, _ := sign.Kraken(c.Secret, krakenKeyInfoPath, nonce, body)
		r.Body = []byte(body)
		setHeaders(r.Header, "API-Key", c.Key, "API-Sign", sig,
			"Content-Type", "application/x-www-form-urlencoded")
	}, &kr)
	if !ok {
		return end
	}
	if len(kr.Error) > 0 {
		return krakenErrors.verdict(strings.Join(kr.Error, ", "), "Kraken "+strings.Join(kr.Error, ", "))
	}
	if kr.Result == nil || kr.Result.Permissions == nil {
		return verdictUnreadable("GetApiKeyInfo")
	}
	validUntil, err := kr.Result.ValidUntil.Int()
	if err != nil {
		return verdictUnreadable("GetApiKeyInfo")
	}
	res := Result{
		Status: Live, KeyExists: Yes, Reason: "GetApiKeyInfo accepted the key",
		Permissions:       krakenPermissions(kr.Result.Permissions),
		IPRestricted:      TriOf(len(kr.Result.IPAllowlist) > 0),
		Account:           kr.Result.APIKeyName,
		PermissionsSource: "POST " + krakenKeyInfoPath,
	}
	if len(kr.Result.IPAllowlist) > 0 {
		res.IPAllowlist = kr.Result.IPAllowlist
	}
	res.Expires = unixTime(validUntil, time.Second)
	res.Created = lenientTime(kr.Result.CreatedTime, time.Second)
	return res
}

// krakenPermissions maps GetApiKeyInfo's permission names. Documented:
// query-funds, withdraw-funds, query-open-trades, modify-trades; the rest
// follow the key-creation form (deposit, earn, ledger, export, closed
// trades, cancel/close) and are recognised by their words. A name the
// verifier does not recognise makes the "no" answers unknown.
func krakenPermissions(names []string) Permissions {
	var read, trade, withdraw, unlisted bool
	for _, n := range names {
		n = strings.ToLower(n)
		switch {
		case strings.Contains(n, "withdraw"):
			withdraw = true
		case strings.HasPrefix(n, "query-") || strings.Contains(n, "export"):
			read = true
		case strings.Contains(n, "trades") || strings.Contains(n, "orders"):
			trade = true // modify-trades, cancel/close
		case strings.Contains(n, "deposit") || strings.Contains(n, "earn") || strings.Contains(n, "websocket"):
		default:
			unlisted = true
		}
	}
	p := Permissions{Read: TriOf(read), Trade: TriOf(trade), Withdraw: TriOf(withdraw)}
	if unlisted {
		unlistedUnknown(&p)
		if !read {
			p.Read = Unknown
		}
	}
	return p
}

// krakenErrors are Kraken's error strings.
var krakenErrors = phrases{
	{"eapi:invalid key", verdictUnknownKey},
	{"eapi:invalid signature", verdictSecretRejected},
	{"eapi:invalid nonce", verdictNonceRejected},
	{"egeneral:permission denied", func(d string) Result {
		return Result{Status: Indeterminate, Reason: "permission denied on an endpoint that needs no permission: probably an IP allow-list or a 2FA-protected key (unconfirmed) (" + d + ")"}
	}},
}
