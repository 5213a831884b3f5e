package verify

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var bitfinexCred = Credential{
	Exchange: "bitfinex",
	Key:      "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqE",
	Secret:   "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4",
}

// bitfinexFake is a Bitfinex key with its nonce floor.
type bitfinexFake struct {
	key, secret string
	mu          sync.Mutex
	floor       uint64
	lastNonce   uint64
}

// handler checks requests the way Bitfinex v2 does — bfx-apikey,
// bfx-signature recomputed here as hex(HMAC-SHA384(secret,
// "/api/"+path+nonce+body)), and the nonce against the key's floor — and
// answers ok for valid ones. Bitfinex sends its errors with HTTP 500.
func (b *bitfinexFake) handler(ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(code int, msg string) { jsonHandler(500, fmt.Sprintf(`["error",%d,%q]`, code, msg))(w, r) }
		if r.Method != http.MethodPost {
			fail(10020, "method: invalid")
			return
		}
		if r.Header.Get("bfx-apikey") != b.key {
			fail(10100, "apikey: invalid")
			return
		}
		body, _ := io.ReadAll(r.Body)
		nonce := r.Header.Get("bfx-nonce")
		m := hmac.New(sha512.New384, []byte(b.secret))
		m.Write([]byte("/api" + r.URL.Path + nonce + string(body)))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("bfx-signature"))) || r.Header.Get("Content-Type") != "application/json" {
			fail(10100, "apikey: digest invalid")
			return
		}
		n, err := strconv.ParseUint(nonce, 10, 64)
		b.mu.Lock()
		if err != nil || n <= b.floor {
			b.mu.Unlock()
			fail(10114, "nonce: small")
			return
		}
		b.floor, b.lastNonce = n, n
		b.mu.Unlock()
		ok(w, r)
	}
}

func (b *bitfinexFake) state() (floor, last uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.floor, b.lastNonce
}

// bitfinexPerms is a permissions reply (scope, read, write) shaped like
// the documented one.
func bitfinexPerms(orders, withdraw, wallets int) string {
	return fmt.Sprintf(`[["account",0,0],["history",1,0],["orders",1,%d],["positions",1,0],["funding",1,0],["settings",1,0],["wallets",1,%d],["withdraw",0,%d],["ui_withdraw",0,0],["bfxpay",0,0]]`, orders, wallets, withdraw)
}

func TestBitfinex(t *testing.T) {
	c := bitfinexCred
	srv := func(body string) http.HandlerFunc {
		return (&bitfinexFake{key: c.Key, secret: c.Secret}).handler(jsonHandler(200, body))
	}
	owner := &bitfinexFake{key: c.Key, secret: c.Secret, floor: uint64(time.Now().UnixMicro())} // the documented µs scheme
	ownerFloor, _ := owner.state()
	cases := []verifyCase{
		{name: "read only", handler: srv(bitfinexPerms(0, 0, 0)),
			status: Live, risk: RiskLow, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No},
			check: func(t *testing.T, r Result) {
				if r.IPRestricted != Unknown || r.PermissionsSource == "" {
					t.Errorf("ip %s source %q", r.IPRestricted, r.PermissionsSource)
				}
			}},
		{name: "trade", handler: srv(bitfinexPerms(1, 0, 0)), status: Live, risk: RiskHigh,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No, Transfer: No}},
		{name: "withdraw without IP information", handler: srv(bitfinexPerms(1, 1, 0)), status: Live, risk: RiskCritical,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes, Transfer: No}},
		{name: "wallet transfer", handler: srv(bitfinexPerms(0, 0, 1)), status: Live, risk: RiskCritical,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: Yes}},
		{name: "scopes missing are unknown", handler: srv(`[["history",1,0]]`), status: Live, risk: RiskMedium,
			perms: &Permissions{Read: Yes}},
		{name: "nothing readable", handler: srv(`[["orders",0,0],["withdraw",0,0]]`), status: Live, risk: RiskLow,
			perms: &Permissions{Read: No, Trade: No, Withdraw: No}},
		// REST says "apikey: invalid" for an unknown key and for a wrong
		// secret alike (TestBitfinexInvalidAPIKeyIsNotDead): never dead.
		{name: "unknown key", handler: (&bitfinexFake{key: "another", secret: c.Secret}).handler(jsonHandler(200, bitfinexPerms(1, 1, 1))),
			status: Indeterminate, risk: RiskUnknown,
			check: func(t *testing.T, r Result) {
				if r.KeyExists != Unknown {
					t.Errorf("key_exists %s, want unknown", r.KeyExists)
				}
			}},
		{name: "wrong secret", handler: (&bitfinexFake{key: c.Key, secret: "another-secret"}).handler(jsonHandler(200, bitfinexPerms(1, 1, 1))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "owner on microseconds keeps their floor", handler: owner.handler(jsonHandler(200, bitfinexPerms(1, 1, 1))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes,
			check: func(t *testing.T, r Result) {
				if f, _ := owner.state(); f != ownerFloor {
					t.Errorf("the owner's nonce floor moved from %d to %d", ownerFloor, f)
				}
			}},
		{name: "rate limit error", handler: jsonHandler(500, `["error",11010,"ratelimit: error"]`), status: Indeterminate},
		{name: "malformed rows", handler: srv(`[["orders","x",1]]`), status: Indeterminate},
		{name: "empty list", handler: srv(`[]`), status: Indeterminate},
		{name: "object instead of list", handler: jsonHandler(200, `{"error":"x"}`), status: Indeterminate},
	}
	runCases(t, Bitfinex{}, c, append(cases, transientCases()...))
}

// TestBitfinexNonceIsMilliseconds: the nonce sent is the current time in
// milliseconds (see the Bitfinex doc comment for why).
func TestBitfinexNonceIsMilliseconds(t *testing.T) {
	b := &bitfinexFake{key: bitfinexCred.Key, secret: bitfinexCred.Secret}
	before := uint64(time.Now().UnixMilli())
	runCases(t, Bitfinex{}, bitfinexCred, []verifyCase{{name: "ms", handler: b.handler(jsonHandler(200, bitfinexPerms(0, 0, 0))), status: Live}})
	after := uint64(time.Now().UnixMilli())
	if _, got := b.state(); got < before || got > after {
		t.Errorf("nonce %d is not a millisecond timestamp in [%d, %d]", got, before, after)
	}
}

// TestBitfinexInvalidAPIKeyIsNotDead: Bitfinex's REST API answers a bad
// signature on an existing key with the same ["error",10100,"apikey:
// invalid"] as an unknown key (users of bitfinex-api-node report it for
// keys that exist; "apikey: digest invalid" is a WebSocket answer). So a
// real key with a wrong or rotated secret must not be reported dead: the
// answer is indeterminate, the key's existence unknown, and the reason
// says why.
func TestBitfinexInvalidAPIKeyIsNotDead(t *testing.T) {
	c := bitfinexCred
	// rest answers like the REST API: a wrong signature for a real key
	// gets "apikey: invalid", not "digest invalid".
	rest := func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		m := hmac.New(sha512.New384, []byte("the owner's rotated secret"))
		m.Write([]byte("/api" + r.URL.Path + r.Header.Get("bfx-nonce") + string(body)))
		if r.Header.Get("bfx-apikey") != c.Key || r.Header.Get("bfx-signature") != hex.EncodeToString(m.Sum(nil)) {
			jsonHandler(500, `["error",10100,"apikey: invalid"]`)(w, r)
			return
		}
		jsonHandler(200, bitfinexPerms(1, 1, 1))(w, r)
	}
	runCases(t, Bitfinex{}, c, []verifyCase{{name: "real key, rotated secret", handler: rest,
		status: Indeterminate, risk: RiskUnknown,
		check: func(t *testing.T, r Result) {
			if r.KeyExists != Unknown {
				t.Errorf("key_exists %s, want unknown: the answer does not tell an unknown key from a wrong secret", r.KeyExists)
			}
			if !strings.Contains(r.Reason, "unknown key") || !strings.Contains(r.Reason, "secret") {
				t.Errorf("the reason does not say why: %q", r.Reason)
			}
		}}})
}
