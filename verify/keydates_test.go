package verify

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestKeyDates: every verifier whose endpoint reports when the key was
// created or when it expires fills Created and Expires from the
// documented field, through its own test server (which recomputes the
// signature), and leaves them nil when the exchange sends none. The rows
// are the venues the README lists under "Audit your own keys".
func TestKeyDates(t *testing.T) {
	day := func(s string) *time.Time {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			panic(err)
		}
		return &t
	}
	htxIn85 := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 85)
	cases := []struct {
		name             string
		v                Verifier
		cred             Credential
		handler          http.HandlerFunc
		created, expires *time.Time
	}{
		{"binance createTime", Binance{}, binanceCred,
			binanceServer(binanceCred.Secret, jsonHandler(200, restrictions(false, true, false, false, false, false))),
			day("2023-10-30T05:53:39Z"), nil},
		{"bybit createdAt and expiredAt (no IP bound)", Bybit{}, bybitCred,
			bybitServer(bybitCred.Key, bybitCred.Secret, jsonHandler(200, bybitKey(1, ``, `"*"`, "2023-12-22T07:20:25Z", true))),
			day("2022-10-16T02:24:40Z"), day("2023-12-22T07:20:25Z")},
		{"bybit createdAt, IP bound so no expiry", Bybit{}, bybitCred,
			bybitServer(bybitCred.Key, bybitCred.Secret, jsonHandler(200, bybitKey(1, ``, `"203.0.113.7"`, "", true))),
			day("2022-10-16T02:24:40Z"), nil},
		{"bybit without createdAt", Bybit{}, bybitCred,
			bybitServer(bybitCred.Key, bybitCred.Secret, jsonHandler(200, strings.Replace(bybitKey(1, ``, ``, "", true), `"createdAt":"2022-10-16T02:24:40Z",`, ``, 1))),
			nil, nil},
		{"kucoin createdAt (ms)", KuCoin{}, kucoinCred,
			kucoinServer(kucoinCred.Key, kucoinCred.Secret, kucoinCred.Passphrase, jsonHandler(200, kucoinKey("General", "", true))),
			day("2024-10-09T03:17:23Z"), nil},
		{"kucoin createdAt 0 is no date", KuCoin{}, kucoinCred,
			kucoinServer(kucoinCred.Key, kucoinCred.Secret, kucoinCred.Passphrase, jsonHandler(200, strings.Replace(kucoinKey("General", "", true), `"createdAt":1728443843000`, `"createdAt":0`, 1))),
			nil, nil},
		{"kraken createdTime and validUntil (s)", Kraken{}, krakenCred,
			(&krakenFake{key: krakenCred.Key, secret: krakenCred.Secret}).handler(jsonHandler(200, krakenInfo(`"query-funds"`, "", "1900000000"))),
			day("2026-03-03T13:01:40Z"), day("2030-03-17T17:46:40Z")},
		{"kraken validUntil 0 is no expiry", Kraken{}, krakenCred,
			(&krakenFake{key: krakenCred.Key, secret: krakenCred.Secret}).handler(jsonHandler(200, krakenInfo(`"query-funds"`, "", "0"))),
			day("2026-03-03T13:01:40Z"), nil},
		{"htx createTime (ms) and validDays", HTX{}, htxCred,
			htxServer(htxCred.Key, htxCred.Secret, htxKeyReply("readOnly", "", 85)),
			day("2020-06-05T09:19:11Z"), &htxIn85},
		{"htx createTime, validDays -1 is no expiry", HTX{}, htxCred,
			htxServer(htxCred.Key, htxCred.Secret, htxKeyReply("readOnly", "203.0.113.9", -1)),
			day("2020-06-05T09:19:11Z"), nil},
		{"bitmex created of the checked key, not of the other listed key", BitMEX{}, bitmexCred,
			bitmexServer(bitmexCred.Secret, bitmexKeyRoute(bitmexEntry(`[]`, "0.0.0.0/0", `["0.0.0.0/0"]`))),
			day("2025-05-06T07:08:09.123Z"), nil},
		{"upbit expire_at", Upbit{}, upbitCred,
			upbitServer(upbitCred.Secret, map[string]http.HandlerFunc{
				"/v1/accounts": jsonHandler(200, upbitAccounts),
				"/v1/api_keys": jsonHandler(200, `[{"access_key":"`+upbitCred.Key+`","expire_at":"2027-03-08T15:03:00+09:00"}]`)}),
			nil, day("2027-03-08T06:03:00Z")},
	}
	same := func(got, want *time.Time) bool {
		if got == nil || want == nil {
			return got == want
		}
		return got.Equal(*want)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newFake(t, tc.v, tc.handler)
			r := e.Verify(context.Background(), tc.cred)
			if r.Status != Live {
				t.Fatalf("status %s (%s), want live", r.Status, r.Reason)
			}
			if !same(r.Created, tc.created) {
				t.Errorf("created %v, want %v", r.Created, tc.created)
			}
			if !same(r.Expires, tc.expires) {
				t.Errorf("expires %v, want %v", r.Expires, tc.expires)
			}
		})
	}
}

func TestDateHelpers(t *testing.T) {
	if unixTime(0, time.Millisecond) != nil || unixTime(-1, time.Second) != nil {
		t.Error("0 and negative times must be no date")
	}
	if got := unixTime(1591348751000, time.Millisecond); got == nil || got.Unix() != 1591348751 || got.Location() != time.UTC {
		t.Errorf("ms: %v", got)
	}
	if got := unixTime(1772542900, time.Second); got == nil || got.Unix() != 1772542900 {
		t.Errorf("s: %v", got)
	}
	if lenientTime("soon", time.Second) != nil || lenientTime("", time.Second) != nil {
		t.Error("a non-number is no date")
	}
	if got := lenientTime("1772542900", time.Second); got == nil || got.Unix() != 1772542900 {
		t.Errorf("lenient: %v", got)
	}
	if rfc3339Time("") != nil || rfc3339Time("2022-10-16") != nil {
		t.Error("an empty or partial date is no date")
	}
	if got := rfc3339Time("2024-01-02T03:04:05.000+09:00"); got == nil || !got.Equal(time.Date(2024, 1, 1, 18, 4, 5, 0, time.UTC)) {
		t.Errorf("rfc3339: %v", got)
	}
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	if reportable(&far) != nil || reportable(nil) != nil {
		t.Error("a date past year 9999 is not reportable")
	}
}
