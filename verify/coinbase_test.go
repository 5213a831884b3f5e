package verify

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"strings"
	"testing"
)

const (
	cdpKeyName = "organizations/5b6f1c2e-8a4d-4c3b-9e21-0f7a6d5c4b3a/apiKeys/9d8c7b6a-5f4e-4d3c-8b2a-1e0f9a8b7c6d"
	cdpNow     = int64(1700000000) // the fake server's clock, in seconds
)

// cdpECKey returns a fresh P-256 key and its SEC 1 PEM with the literal
// "\n" escapes a leaked key usually carries.
func cdpECKey(t *testing.T) (*ecdsa.PrivateKey, string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	p := string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
	return k, strings.ReplaceAll(p, "\n", `\n`)
}

// cdpServer checks CDP bearer JWTs the way Coinbase does: header
// (alg, kid, typ, nonce), claims (sub, iss, nbf, exp ≤ nbf+120, uris
// naming this exact request) against its own clock, and the ES256 or
// EdDSA signature with the key's public key, verified here with
// crypto/ecdsa and crypto/ed25519 directly. Valid requests get ok;
// anything else gets Coinbase's 401.
func cdpServer(t *testing.T, keyName string, pub any, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == coinbaseTimePath {
			jsonHandler(200, `{"iso":"2023-11-14T22:13:20Z","epochSeconds":"1700000000","epochMillis":"1700000000000"}`)(w, r)
			return
		}
		if r.Method != http.MethodGet || r.URL.Path != coinbasePermPath {
			jsonHandler(404, `{"error":"NOT_FOUND","message":"not found"}`)(w, r)
			return
		}
		if why := cdpCheck(r, keyName, pub); why != "" {
			t.Logf("fake Coinbase rejects the JWT: %s", why)
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte("Unauthorized\n"))
			return
		}
		ok(w, r)
	}
}

// cdpCheck returns why the request's JWT is not acceptable, or "".
func cdpCheck(r *http.Request, keyName string, pub any) string {
	tok, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !found {
		return "no bearer token"
	}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return "not a JWS"
	}
	var hdr struct {
		Alg, Kid, Typ, Nonce string
	}
	var cl struct {
		Sub  string   `json:"sub"`
		Iss  string   `json:"iss"`
		Nbf  int64    `json:"nbf"`
		Exp  int64    `json:"exp"`
		URIs []string `json:"uris"`
	}
	for i, v := range []any{&hdr, &cl} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil || json.Unmarshal(b, v) != nil {
			return "undecodable segment"
		}
	}
	switch {
	case hdr.Kid != keyName || cl.Sub != keyName:
		return "unknown key name"
	case hdr.Typ != "JWT" || len(hdr.Nonce) != 32:
		return "bad header"
	case cl.Iss != "cdp":
		return "bad issuer"
	case cl.Nbf > cdpNow+5 || cl.Exp < cdpNow || cl.Exp-cl.Nbf > 120:
		return "outside its validity window (server clock not used?)"
	case len(cl.URIs) != 1 || cl.URIs[0] != "GET "+r.Host+r.URL.Path:
		return "uris claim does not name this request"
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return "undecodable signature"
	}
	input := []byte(parts[0] + "." + parts[1])
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		d := sha256.Sum256(input)
		if hdr.Alg != "ES256" || len(sig) != 64 ||
			!ecdsa.Verify(k, d[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
			return "bad ES256 signature"
		}
	case ed25519.PublicKey:
		if hdr.Alg != "EdDSA" || !ed25519.Verify(k, input, sig) {
			return "bad EdDSA signature"
		}
	}
	return ""
}

func cdpPerms(view, trade, transfer bool) string {
	b, _ := json.Marshal(map[string]any{"can_view": view, "can_trade": trade, "can_transfer": transfer,
		"portfolio_uuid": "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "portfolio_type": "DEFAULT"})
	return string(b)
}

func TestCoinbase(t *testing.T) {
	k, pemText := cdpECKey(t)
	other, _ := cdpECKey(t)
	cred := Credential{Exchange: "coinbase", Key: cdpKeyName, PrivateKey: pemText}
	srv := func(body string) http.HandlerFunc {
		return cdpServer(t, cdpKeyName, &k.PublicKey, jsonHandler(200, body))
	}
	cases := []verifyCase{
		{name: "view only", handler: srv(cdpPerms(true, false, false)),
			status: Live, risk: RiskLow, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No},
			check: func(t *testing.T, r Result) {
				if r.IPRestricted != Unknown || !strings.Contains(r.Account, "8a1b2c3d") || r.PermissionsSource == "" {
					t.Errorf("ip %s, account %q, source %q", r.IPRestricted, r.Account, r.PermissionsSource)
				}
			}},
		{name: "trade", handler: srv(cdpPerms(true, true, false)), status: Live, risk: RiskHigh,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No, Transfer: No}},
		{name: "transfer without IP information", handler: srv(cdpPerms(true, true, true)), status: Live, risk: RiskCritical,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes, Transfer: Yes}},
		{name: "unknown key name", handler: cdpServer(t, "organizations/0/apiKeys/1", &k.PublicKey, jsonHandler(200, cdpPerms(true, true, true))),
			status: Indeterminate, risk: RiskUnknown},
		{name: "private key of another key", handler: cdpServer(t, cdpKeyName, &other.PublicKey, jsonHandler(200, cdpPerms(true, true, true))),
			status: Indeterminate, risk: RiskUnknown},
		{name: "403", handler: jsonHandler(403, `{"error":"PERMISSION_DENIED","message":"forbidden"}`), status: Indeterminate},
		{name: "404", handler: jsonHandler(404, `{"error":"NOT_FOUND","message":"not found"}`), status: Indeterminate},
		{name: "unreadable", handler: srv(`{"portfolio_uuid":"x"}`), status: Indeterminate},
	}
	runCases(t, Coinbase{}, cred, append(cases, transientCases()...))
}

func TestCoinbaseEd25519(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// The Ed25519 secret is base64 of seed||public, found as the secret.
	cred := Credential{Exchange: "coinbase", Key: "9d8c7b6a-5f4e-4d3c-8b2a-1e0f9a8b7c6d", Secret: base64.StdEncoding.EncodeToString(priv)}
	runCases(t, Coinbase{}, cred, []verifyCase{
		{name: "EdDSA read only", handler: cdpServer(t, cred.Key, pub, jsonHandler(200, cdpPerms(true, false, false))),
			status: Live, risk: RiskLow, keyExists: Yes},
	})
}

func TestCoinbaseUnusableKeyIsNotSent(t *testing.T) {
	e, f := newFake(t, Coinbase{}, jsonHandler(200, cdpPerms(true, true, true)))
	r := e.Verify(context.Background(), Credential{Exchange: "coinbase", Key: cdpKeyName, PrivateKey: "-----BEGIN EC PRIVATE KEY-----\nnot base64\n-----END EC PRIVATE KEY-----"})
	if r.Status != Indeterminate || !strings.Contains(r.Reason, "private key") {
		t.Errorf("got %s: %s", r.Status, r.Reason)
	}
	if n := f.count("GET " + coinbasePermPath); n != 0 {
		t.Errorf("%d requests sent with an unusable key", n)
	}
}

// Coinbase Exchange (legacy Pro).

var cbexCred = Credential{
	Exchange:   "coinbase-exchange",
	Key:        "3f8e2a1c9b7d4e6f0a5c8b2d1e9f7a3c",
	Secret:     base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")),
	Passphrase: "k9w2mq7xzt",
}

// cbexServer checks requests the way Coinbase Exchange does: the key, the
// timestamp against its own clock, the base64 HMAC-SHA256 (key =
// base64-decoded secret) of timestamp+METHOD+path+body recomputed here,
// and the plaintext passphrase.
func cbexServer(key, secret, passphrase string, ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/time" {
			jsonHandler(200, `{"iso":"2023-11-14T22:13:20.123Z","epoch":1700000000.123}`)(w, r)
			return
		}
		if r.Header.Get("CB-ACCESS-KEY") != key {
			jsonHandler(401, `{"message":"Invalid API Key"}`)(w, r)
			return
		}
		ts := r.Header.Get("CB-ACCESS-TIMESTAMP")
		if ts < "1699999970" || ts > "1700000030" || len(ts) != 10 {
			jsonHandler(400, `{"message":"request timestamp expired"}`)(w, r)
			return
		}
		raw, _ := base64.StdEncoding.DecodeString(secret)
		m := hmac.New(sha256.New, raw)
		m.Write([]byte(ts + r.Method + r.URL.RequestURI()))
		if !hmac.Equal([]byte(base64.StdEncoding.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("CB-ACCESS-SIGN"))) {
			jsonHandler(401, `{"message":"invalid signature"}`)(w, r)
			return
		}
		if r.Header.Get("CB-ACCESS-PASSPHRASE") != passphrase {
			jsonHandler(401, `{"message":"Invalid Passphrase"}`)(w, r)
			return
		}
		ok(w, r)
	}
}

func TestCoinbaseExchange(t *testing.T) {
	c := cbexCred
	accounts := `[{"id":"71452118-efc7-4cc4-8780-a5e22d4baa53","currency":"BTC","balance":"0.0000000000000000","available":"0","hold":"0.0000000000000000","profile_id":"75da88c5-05bf-4f54-bc85-5c775bd68254","trading_enabled":true}]`
	cases := []verifyCase{
		{name: "live, permissions unknown", handler: cbexServer(c.Key, c.Secret, c.Passphrase, jsonHandler(200, accounts)),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{Read: Yes},
			check: func(t *testing.T, r Result) {
				if !strings.Contains(r.Account, "75da88c5") {
					t.Errorf("account %q", r.Account)
				}
			}},
		{name: "unknown key", handler: cbexServer("ffffffffffffffffffffffffffffffff", c.Secret, c.Passphrase, jsonHandler(200, accounts)),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret", handler: cbexServer(c.Key, base64.StdEncoding.EncodeToString([]byte("another secret entirely")), c.Passphrase, jsonHandler(200, accounts)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "wrong passphrase", handler: cbexServer(c.Key, c.Secret, "another-pass", jsonHandler(200, accounts)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "IP not whitelisted", handler: cbexServer(c.Key, c.Secret, c.Passphrase, jsonHandler(401, `{"message":"IP does not match IP whitelist"}`)),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "timestamp expired", handler: jsonHandler(400, `{"message":"request timestamp expired"}`), status: Indeterminate},
		{name: "other error", handler: jsonHandler(400, `{"message":"something else"}`), status: Indeterminate},
		{name: "unreadable", handler: cbexServer(c.Key, c.Secret, c.Passphrase, jsonHandler(200, `{"id":"x"}`)), status: Indeterminate},
	}
	runCases(t, CoinbaseExchange{}, c, append(cases, transientCases()...))
}

func TestCoinbaseExchangeBadSecretIsNotSent(t *testing.T) {
	e, f := newFake(t, CoinbaseExchange{}, jsonHandler(200, `[]`))
	c := cbexCred
	c.Secret = "not base64!"
	if r := e.Verify(context.Background(), c); r.Status != Indeterminate {
		t.Errorf("got %s: %s", r.Status, r.Reason)
	}
	if n := f.count("GET /accounts"); n != 0 {
		t.Errorf("%d requests sent with an unusable secret", n)
	}
}
