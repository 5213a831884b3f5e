package verify

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"
)

var geminiCred = Credential{
	Exchange: "gemini",
	Key:      "account-Xk3mP9qL2wZc7vN4sDfG",
	Secret:   "3zMq8LpX4wN9cV3bT6yH1jG5dS0",
}

// geminiFake is a Gemini key: either time-based (seconds within ±30 s,
// no floor) or with an increasing-nonce floor.
type geminiFake struct {
	key, secret string
	timeBased   bool
	mu          sync.Mutex
	floor       int64
	calls       int
}

// handler checks requests the way Gemini does — the headers of a
// payload-signed POST with an empty body, X-GEMINI-SIGNATURE recomputed
// here as hex(HMAC-SHA384(secret, X-GEMINI-PAYLOAD)), the payload's
// request path and the nonce rule of the key — and answers ok for valid
// ones. Gemini says InvalidSignature for unknown keys too.
func (g *geminiFake) handler(ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		g.calls++
		g.mu.Unlock()
		fail := func(reason, msg string) {
			jsonHandler(400, `{"result":"error","reason":"`+reason+`","message":"`+msg+`"}`)(w, r)
		}
		if r.Method != http.MethodPost || r.ContentLength != 0 || r.Header.Get("Content-Type") != "text/plain" || r.Header.Get("Cache-Control") != "no-cache" {
			fail("InvalidJson", "bad request shape")
			return
		}
		if r.Header.Get("X-GEMINI-APIKEY") != g.key {
			fail("InvalidSignature", "InvalidSignature")
			return
		}
		payload := r.Header.Get("X-GEMINI-PAYLOAD")
		m := hmac.New(sha512.New384, []byte(g.secret))
		m.Write([]byte(payload))
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("X-GEMINI-SIGNATURE"))) {
			fail("InvalidSignature", "InvalidSignature")
			return
		}
		var p struct {
			Request string `json:"request"`
			Nonce   int64  `json:"nonce"`
		}
		raw, err := base64.StdEncoding.DecodeString(payload)
		if err != nil || json.Unmarshal(raw, &p) != nil || p.Request != r.URL.Path {
			fail("InvalidJson", "payload does not name this request")
			return
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.timeBased {
			if d := p.Nonce - time.Now().Unix(); d < -30 || d > 30 {
				fail("InvalidNonce", "Nonce must be within 30 seconds of the current time")
				return
			}
		} else {
			if p.Nonce <= g.floor {
				fail("InvalidNonce", "Nonce has not increased since your last call to the Gemini API.")
				return
			}
			g.floor = p.Nonce
		}
		ok(w, r)
	}
}

func (g *geminiFake) state() (floor int64, calls int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.floor, g.calls
}

func geminiRoles(auditor, fundManager, trader bool) string {
	b, _ := json.Marshal(map[string]any{"counterparty_id": "YZ1KTUEX", "isAuditor": auditor, "isFundManager": fundManager, "isTrader": trader})
	return string(b)
}

func TestGemini(t *testing.T) {
	c := geminiCred
	fake := func(g *geminiFake, body string) http.HandlerFunc {
		g.key, g.secret = c.Key, c.Secret
		return g.handler(jsonHandler(200, body))
	}
	srv := func(body string) http.HandlerFunc { return fake(&geminiFake{timeBased: true}, body) }

	timeBased := &geminiFake{timeBased: true}
	secondsOwner := &geminiFake{floor: time.Now().Unix() - 5}
	msOwner := &geminiFake{floor: time.Now().UnixMilli() - 1000}
	msFloor := msOwner.floor
	usOwner := &geminiFake{floor: time.Now().Add(time.Hour).UnixMicro()}
	usFloor := usOwner.floor
	cases := []verifyCase{
		{name: "auditor", handler: srv(geminiRoles(true, false, false)),
			status: Live, risk: RiskLow, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No, Transfer: No},
			check: func(t *testing.T, r Result) {
				if r.Account != "counterparty YZ1KTUEX" || r.IPRestricted != Unknown {
					t.Errorf("account %q ip %s", r.Account, r.IPRestricted)
				}
			}},
		{name: "trader", handler: srv(geminiRoles(false, false, true)), status: Live, risk: RiskHigh,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No, Transfer: No}},
		{name: "fund manager without IP information", handler: srv(geminiRoles(false, true, true)), status: Live, risk: RiskCritical,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes, Transfer: Yes}},
		{name: "no role", handler: srv(geminiRoles(false, false, false)), status: Live, risk: RiskLow,
			perms: &Permissions{Trade: No, Withdraw: No, Transfer: No}},
		{name: "time-based nonce key: one call in seconds", handler: fake(timeBased, geminiRoles(true, false, false)), status: Live,
			check: func(t *testing.T, r Result) {
				if _, n := timeBased.state(); n != 1 {
					t.Errorf("%d calls, want 1", n)
				}
			}},
		{name: "owner on seconds: floor stays in seconds", handler: fake(secondsOwner, geminiRoles(true, false, false)), status: Live,
			check: func(t *testing.T, r Result) {
				if f, n := secondsOwner.state(); n != 1 || f > time.Now().Unix() {
					t.Errorf("%d calls, floor %d (raised past seconds)", n, f)
				}
			}},
		// A nonce rejection ends the check: no second request with a
		// larger (millisecond) nonce, so the owner's floor stays put.
		{name: "owner on milliseconds: seconds refused, nothing more", handler: fake(msOwner, geminiRoles(true, false, false)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes,
			check: func(t *testing.T, r Result) {
				if f, n := msOwner.state(); n != 1 || f != msFloor {
					t.Errorf("%d calls, floor moved from %d to %d", n, msFloor, f)
				}
			}},
		{name: "owner on microseconds keeps their floor", handler: fake(usOwner, geminiRoles(true, false, false)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes,
			check: func(t *testing.T, r Result) {
				if f, n := usOwner.state(); n != 1 || f != usFloor {
					t.Errorf("%d calls, floor moved from %d to %d", n, usFloor, f)
				}
			}},
		{name: "unknown key or wrong secret is ambiguous", handler: (&geminiFake{key: "account-other", secret: c.Secret, timeBased: true}).handler(jsonHandler(200, geminiRoles(false, true, true))),
			status: Indeterminate, risk: RiskUnknown},
		{name: "wrong secret", handler: (&geminiFake{key: c.Key, secret: "another", timeBased: true}).handler(jsonHandler(200, geminiRoles(false, true, true))),
			status: Indeterminate, risk: RiskUnknown},
		{name: "missing role", handler: jsonHandler(400, `{"result":"error","reason":"MissingRole","message":"To access this endpoint, you need to log in to the website and go to the settings page to assign one of these roles [Auditor] to API key"}`),
			status: Indeterminate, keyExists: Yes},
		{name: "maintenance", handler: jsonHandler(503, `{"result":"error","reason":"Maintenance","message":"The system is down for maintenance"}`), status: Indeterminate},
		{name: "not Gemini JSON", handler: jsonHandler(400, `bad request`), status: Indeterminate},
		{name: "unreadable roles", handler: srv(`{"counterparty_id":"x"}`), status: Indeterminate},
	}
	runCases(t, Gemini{}, c, append(cases, transientCases()...))
}
