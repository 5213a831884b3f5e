package policy

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/internal/fakeexchange"
	"github.com/keyhound/keyhound/verify"
)

// Binance's documented test key and secret (rest-api.md).
const (
	binKey    = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
	binSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
)

func binanceServer(t *testing.T, status int, reply string) *httptest.Server {
	return fakeexchange.Binance(t, binKey, binSecret, status, reply, nil)
}

// verifyBinance verifies the test credential against srv.
func verifyBinance(t *testing.T, srv *httptest.Server) verify.Result {
	t.Helper()
	e, err := verify.NewEngine([]verify.Verifier{verify.Binance{}}, verify.Options{
		Endpoints: map[string]string{"binance": srv.URL}, Timeout: 2 * time.Second, Retries: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return e.Verify(context.Background(), verify.Credential{Exchange: "binance", Key: binKey, Secret: binSecret})
}

func binanceReply(ip, trade, withdraw bool, created time.Time) string {
	return fakeexchange.Restrictions(ip, trade, withdraw, created)
}

func rules(v Verdict) map[Rule]Level {
	out := map[Rule]Level{}
	for _, x := range v.Violations {
		out[x.Rule] = x.Level
	}
	return out
}

// TestBinanceKeys applies the default policy to keys verified against a
// Binance test server.
func TestBinanceKeys(t *testing.T) {
	now := time.Now()
	recent := now.Add(-10 * 24 * time.Hour)
	old := now.Add(-400 * 24 * time.Hour)
	cases := []struct {
		name      string
		reply     string
		want      map[Rule]Level
		failed    bool
		compliant bool
	}{
		{"trade and withdraw, no IP allow-list", binanceReply(false, true, true, recent),
			map[Rule]Level{WithdrawWithoutIPAllowlist: Fail, TradeAndWithdraw: Fail, NoIPAllowlist: Warn}, true, false},
		// An allow-list satisfies the IP rules; trading and withdrawing
		// on one key still breaks trade-and-withdraw.
		{"trade and withdraw, IP allow-list", binanceReply(true, true, true, recent),
			map[Rule]Level{TradeAndWithdraw: Fail}, true, false},
		{"withdraw only, IP allow-list", binanceReply(true, false, true, recent),
			map[Rule]Level{}, false, true},
		{"read-only, IP allow-list", binanceReply(true, false, false, recent),
			map[Rule]Level{}, false, true},
		{"read-only, no IP allow-list", binanceReply(false, false, false, recent),
			map[Rule]Level{NoIPAllowlist: Warn}, false, false},
		{"read-only, IP allow-list, 400 days old", binanceReply(true, false, false, old),
			map[Rule]Level{KeyAge: Warn}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := verifyBinance(t, binanceServer(t, 0, tc.reply))
			if r.Status != verify.Live {
				t.Fatalf("status %s: %s", r.Status, r.Reason)
			}
			v := (Config{}).Check(&r, now)
			got := rules(v)
			if len(got) != len(tc.want) {
				t.Errorf("violations %+v, want %v", v.Violations, tc.want)
			}
			for rule, l := range tc.want {
				if got[rule] != l {
					t.Errorf("%s: level %q, want %q (%+v)", rule, got[rule], l, v.Violations)
				}
			}
			if v.Failed() != tc.failed || v.Compliant != tc.compliant {
				t.Errorf("failed %v compliant %v, want %v %v", v.Failed(), v.Compliant, tc.failed, tc.compliant)
			}
			for _, x := range v.Violations {
				if x.Message == "" {
					t.Errorf("%s: no message", x.Rule)
				}
			}
		})
	}
}

// TestKeyAgeFromBinanceCreateTime: the creation time Binance reports is
// what key-age reads, at the configured period.
func TestKeyAgeFromBinanceCreateTime(t *testing.T) {
	now := time.Now()
	created := now.Add(-45 * 24 * time.Hour)
	r := verifyBinance(t, binanceServer(t, 0, binanceReply(true, false, false, created)))
	if r.Created == nil || r.Created.UnixMilli() != created.UnixMilli() {
		t.Fatalf("created %v, want %v", r.Created, created)
	}
	if v := (Config{}).Check(&r, now); len(v.Violations) != 0 {
		t.Errorf("45 days under the default 90: %+v", v.Violations)
	}
	v := Config{MaxAgeDays: 30, Levels: map[Rule]Level{KeyAge: Fail}}.Check(&r, now)
	if got := rules(v); got[KeyAge] != Fail || !v.Failed() {
		t.Fatalf("45 days over 30: %+v", v.Violations)
	}
	if msg := v.Violations[0].Message; !strings.Contains(msg, created.UTC().Format("2006-01-02")) || !strings.Contains(msg, "45 days") {
		t.Errorf("message %q", msg)
	}
	if age, ok := Age(&r, now); !ok || int(age.Hours()/24) != 45 {
		t.Errorf("Age = %v, %v", age, ok)
	}
}

// TestIndeterminateNeverCompliant: rate limits, outages and a rejected
// secret are checked against nothing and never compliant, at any level.
func TestIndeterminateNeverCompliant(t *testing.T) {
	offAll := Config{Levels: map[Rule]Level{}}
	for _, ri := range Rules() {
		offAll.Levels[ri.Rule] = Off
	}
	reply := binanceReply(true, false, false, time.Now())
	for _, srv := range []*httptest.Server{binanceServer(t, 429, reply), binanceServer(t, 503, reply)} {
		r := verifyBinance(t, srv)
		if r.Status != verify.Indeterminate {
			t.Fatalf("status %s", r.Status)
		}
		for _, c := range []Config{{}, offAll} {
			if v := c.Check(&r, time.Now()); v.Compliant {
				t.Errorf("indeterminate key reported compliant under %+v: %+v", c, v)
			}
		}
		if v := (Config{}).Check(&r, time.Now()); rules(v)[Unverified] != Warn {
			t.Errorf("no unverified violation: %+v", v.Violations)
		}
	}
	// A wrong secret: the key exists, nothing else is known.
	e, _ := verify.NewEngine([]verify.Verifier{verify.Binance{}}, verify.Options{Endpoints: map[string]string{"binance": binanceServer(t, 0, reply).URL}, Retries: -1})
	r := e.Verify(context.Background(), verify.Credential{Exchange: "binance", Key: binKey, Secret: strings.Repeat("x", 64)})
	if v := (Config{Levels: map[Rule]Level{Unverified: Fail}}).Check(&r, time.Now()); v.Compliant || !v.Failed() {
		t.Errorf("rejected secret: %+v (status %s)", v, r.Status)
	}
	// Not verified at all.
	if v := (Config{}).Check(nil, time.Now()); v.Compliant || rules(v)[Unverified] != Warn {
		t.Errorf("unverified: %+v", v)
	}
}

func TestCheckUnknowns(t *testing.T) {
	now := time.Now()
	r := verify.Result{Status: verify.Live, Permissions: verify.Permissions{Read: verify.Yes}}
	v := (Config{}).Check(&r, now)
	if rules(v)[UnknownPermissions] != Warn || v.Compliant {
		t.Fatalf("%+v", v)
	}
	if m := v.Violations[0].Message; !strings.Contains(m, "trade, withdraw, transfer, IP allow-list") {
		t.Errorf("message %q", m)
	}
	// Withdraw with the IP restriction unknown: treated as unrestricted.
	r = verify.Result{Status: verify.Live, Permissions: verify.Permissions{Read: verify.Yes, Trade: verify.No, Withdraw: verify.Yes, Transfer: verify.No}}
	v = (Config{}).Check(&r, now)
	if got := rules(v); got[WithdrawWithoutIPAllowlist] != Fail || got[UnknownPermissions] != Warn || got[NoIPAllowlist] != "" {
		t.Errorf("%+v", v.Violations)
	}
	if v.Violations[0].Level != Fail {
		t.Errorf("fail violations come first: %+v", v.Violations)
	}
	// Dead: nothing to judge.
	d := verify.Result{Status: verify.Dead}
	if v := (Config{}).Check(&d, now); len(v.Violations) != 0 || v.Compliant {
		t.Errorf("dead: %+v", v)
	}
}

func TestKeyAgeFromExpiry(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	exp := now.Add(365 * 24 * time.Hour)
	r := verify.Result{Status: verify.Live, IPRestricted: verify.Yes, Expires: &exp,
		Permissions: verify.Permissions{Read: verify.Yes, Trade: verify.No, Withdraw: verify.No}}
	if got := rules((Config{}).Check(&r, now)); got[KeyAge] != Warn {
		t.Errorf("a key valid for a year: %v", got)
	}
	soon := now.Add(30 * 24 * time.Hour)
	r.Expires = &soon
	if got := rules((Config{}).Check(&r, now)); len(got) != 0 {
		t.Errorf("a key that expires in 30 days: %v", got)
	}
}

// TestKeyAgeCreationBeforeExpiry: when the exchange reports both (Bybit
// keys with no IP bound, Kraken keys with validUntil, HTX keys with no IP
// bound), the creation time decides.
func TestKeyAgeCreationBeforeExpiry(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(days int) *time.Time { t := now.AddDate(0, 0, days); return &t }
	cases := []struct {
		name             string
		created, expires *time.Time
		flagged          bool
		says             string
	}{
		{"old key about to expire", at(-100), at(10), true, "100 days ago"},
		{"young key valid for a year", at(-10), at(365), false, ""},
		{"young key about to expire", at(-80), at(5), false, ""},
		{"expiry only, beyond the period", nil, at(120), true, "120 days from now"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := verify.Result{Status: verify.Live, IPRestricted: verify.Yes, Created: tc.created, Expires: tc.expires,
				Permissions: verify.Permissions{Read: verify.Yes, Trade: verify.No, Withdraw: verify.No, Transfer: verify.No}}
			v := (Config{}).Check(&r, now)
			if got := rules(v)[KeyAge] == Warn; got != tc.flagged {
				t.Fatalf("flagged %v, want %v: %+v", got, tc.flagged, v.Violations)
			}
			if tc.flagged && !strings.Contains(v.Violations[0].Message, tc.says) {
				t.Errorf("message %q, want %q", v.Violations[0].Message, tc.says)
			}
		})
	}
}

func TestParseLevel(t *testing.T) {
	for _, s := range []string{"fail", "warn", "off"} {
		if l, err := ParseLevel(s); err != nil || string(l) != s {
			t.Errorf("%s: %v %v", s, l, err)
		}
	}
	for _, s := range []string{"", "FAIL", "error"} {
		if _, err := ParseLevel(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	if (Config{}).Level(NoIPAllowlist) != Warn || (Config{Levels: map[Rule]Level{NoIPAllowlist: Fail}}).Level(NoIPAllowlist) != Fail {
		t.Error("levels")
	}
}
