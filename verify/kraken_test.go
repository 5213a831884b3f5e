package verify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"
)

var krakenCred = Credential{
	Exchange: "kraken",
	Key:      "CJbfPw4tnbf/9en/ZmpewCTKEwmmzO18LXZcHQcu7HPLWre4l8+V9I3y",
	Secret:   "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==",
}

// krakenFake is a Kraken account: key, secret and the key's nonce floor.
type krakenFake struct {
	key, secret string
	mu          sync.Mutex
	floor       uint64
}

// handler checks requests the way Kraken does — the API-Key, the nonce
// against the key's floor, and API-Sign recomputed here as
// base64(HMAC-SHA512(b64dec(secret), path ‖ SHA256(nonce+body))) — and
// answers ok for valid ones. Kraken answers errors with HTTP 200.
func (k *krakenFake) handler(ok http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(e string) { jsonHandler(200, `{"error":["`+e+`"]}`)(w, r) }
		if r.Method != http.MethodPost || r.URL.Path != krakenKeyInfoPath {
			fail("EGeneral:Unknown method")
			return
		}
		if r.Header.Get("API-Key") != k.key {
			fail("EAPI:Invalid key")
			return
		}
		b, err := io.ReadAll(r.Body)
		if err != nil || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
			fail("EGeneral:Invalid arguments")
			return
		}
		body := string(b)
		form, err := url.ParseQuery(body)
		nonce := form.Get("nonce")
		n, perr := strconv.ParseUint(nonce, 10, 64)
		if err != nil || perr != nil {
			fail("EAPI:Invalid nonce")
			return
		}
		raw, _ := base64.StdEncoding.DecodeString(k.secret)
		sum := sha256.Sum256([]byte(nonce + body))
		m := hmac.New(sha512.New, raw)
		m.Write([]byte(r.URL.Path))
		m.Write(sum[:])
		if !hmac.Equal([]byte(base64.StdEncoding.EncodeToString(m.Sum(nil))), []byte(r.Header.Get("API-Sign"))) {
			fail("EAPI:Invalid signature")
			return
		}
		k.mu.Lock()
		if n <= k.floor {
			k.mu.Unlock()
			fail("EAPI:Invalid nonce")
			return
		}
		k.floor = n
		k.mu.Unlock()
		ok(w, r)
	}
}

// nonceFloor returns the key's current nonce floor.
func (k *krakenFake) nonceFloor() uint64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.floor
}

func krakenInfo(perms, ips string, validUntil string) string {
	return `{"error":[],"result":{"apiKeyName":"bot-key","apiKey":"` + krakenCred.Key + `","nonce":"1772627060997","nonceWindow":0,"permissions":[` + perms +
		`],"iban":"AA88 N84G WOAK NMOI","validUntil":"` + validUntil + `","queryFrom":"0","queryTo":"0","createdTime":"1772542900","modifiedTime":"1772543095","ipAllowlist":[` + ips + `],"lastUsed":"1772627061"}}`
}

func TestKraken(t *testing.T) {
	c := krakenCred
	srv := func(body string) http.HandlerFunc {
		return (&krakenFake{key: c.Key, secret: c.Secret}).handler(jsonHandler(200, body))
	}
	const readOnly = `"query-funds","query-open-trades","query-closed-trades","query-ledger","export-data"`
	owner := &krakenFake{key: c.Key, secret: c.Secret, floor: uint64(time.Now().Add(time.Hour).UnixMicro())}
	ownerFloor := owner.floor
	cases := []verifyCase{
		{name: "read only", handler: srv(krakenInfo(readOnly, "", "0")),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No},
			check: func(t *testing.T, r Result) {
				if r.Account != "bot-key" || r.Expires != nil || r.PermissionsSource == "" {
					t.Errorf("account %q expires %v source %q", r.Account, r.Expires, r.PermissionsSource)
				}
			}},
		{name: "trade", handler: srv(krakenInfo(readOnly+`,"modify-trades","cancel-close-trades"`, "", "0")),
			status: Live, risk: RiskHigh, ip: No, perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No}},
		{name: "withdraw without IP restriction", handler: srv(krakenInfo(`"query-funds","withdraw-funds","deposit-funds"`, "", "0")),
			status: Live, risk: RiskCritical, ip: No, perms: &Permissions{Read: Yes, Trade: No, Withdraw: Yes}},
		{name: "withdraw with IP restriction and expiry", handler: srv(krakenInfo(`"query-funds","withdraw-funds","modify-trades"`, `"192.0.2.10","198.51.100.0/24"`, "1798761600")),
			status: Live, risk: RiskHigh, ip: Yes,
			check: func(t *testing.T, r Result) {
				if len(r.IPAllowlist) != 2 || r.IPAllowlist[1] != "198.51.100.0/24" {
					t.Errorf("allowlist %v", r.IPAllowlist)
				}
				if r.Expires == nil || r.Expires.Unix() != 1798761600 {
					t.Errorf("expires %v", r.Expires)
				}
			}},
		{name: "unrecognised permission makes no answers unknown", handler: srv(krakenInfo(`"query-funds","frobnicate-things"`, "", "0")),
			status: Live, risk: RiskMedium, perms: &Permissions{Read: Yes}},
		{name: "only an unrecognised permission", handler: srv(krakenInfo(`"frobnicate-things"`, "", "0")),
			status: Live, risk: RiskMedium, perms: &Permissions{}},
		{name: "no permissions", handler: srv(krakenInfo(``, "", "0")),
			status: Live, risk: RiskLow, perms: &Permissions{Read: No, Trade: No, Withdraw: No}},
		{name: "unknown key", handler: (&krakenFake{key: "another-key", secret: c.Secret}).handler(jsonHandler(200, krakenInfo(readOnly, "", "0"))),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret", handler: (&krakenFake{key: c.Key, secret: base64.StdEncoding.EncodeToString([]byte("a different private key, 64 bytes long ......................."))}).handler(jsonHandler(200, krakenInfo(readOnly, "", "0"))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "owner on microseconds keeps their floor", handler: owner.handler(jsonHandler(200, krakenInfo(readOnly, "", "0"))),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes,
			check: func(t *testing.T, r Result) {
				if f := owner.nonceFloor(); f != ownerFloor {
					t.Errorf("the owner's nonce floor moved from %d to %d", ownerFloor, f)
				}
			}},
		{name: "permission denied", handler: jsonHandler(200, `{"error":["EGeneral:Permission denied"]}`), status: Indeterminate, risk: RiskUnknown},
		{name: "service unavailable", handler: jsonHandler(200, `{"error":["EService:Unavailable"]}`), status: Indeterminate},
		{name: "unreadable result", handler: srv(`{"error":[],"result":{}}`), status: Indeterminate},
		{name: "not JSON", handler: jsonHandler(200, `ok`), status: Indeterminate},
	}
	runCases(t, Kraken{}, c, append(cases, transientCases()...))
}

// TestKrakenNonceIsMilliseconds: the nonce sent is the current time in
// milliseconds (see the Kraken doc comment for why).
func TestKrakenNonceIsMilliseconds(t *testing.T) {
	k := &krakenFake{key: krakenCred.Key, secret: krakenCred.Secret}
	e, _ := newFake(t, Kraken{}, k.handler(jsonHandler(200, krakenInfo(`"query-funds"`, "", "0"))))
	before := uint64(time.Now().UnixMilli())
	if r := e.Verify(context.Background(), krakenCred); r.Status != Live {
		t.Fatalf("%s: %s", r.Status, r.Reason)
	}
	got := k.nonceFloor()
	if after := uint64(time.Now().UnixMilli()); got < before || got > after {
		t.Errorf("nonce %d is not a millisecond timestamp in [%d, %d]", got, before, after)
	}
}

func TestKrakenBadSecretIsNotSent(t *testing.T) {
	e, f := newFake(t, Kraken{}, jsonHandler(200, `{"error":[]}`))
	c := krakenCred
	c.Secret = "not base64!"
	if r := e.Verify(context.Background(), c); r.Status != Indeterminate {
		t.Errorf("got %s: %s", r.Status, r.Reason)
	}
	if n := f.count("POST " + krakenKeyInfoPath); n != 0 {
		t.Errorf("%d requests sent with an unusable secret", n)
	}
}
