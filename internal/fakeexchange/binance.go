// Package fakeexchange holds exchange test servers shared by the tests of
// several packages (policy, audit, the CLI): local stand-ins that check
// requests the way the exchange does and answer with its documented
// reply shapes. Nothing outside tests uses it.
package fakeexchange

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// Binance starts a stand-in for Binance's GET /api/v3/time and GET
// /sapi/v1/account/apiRestrictions: it recomputes the HMAC signature of
// each request like Binance and answers reply (an apiRestrictions body,
// see Restrictions) to one signed with secret for key, Binance's -1022
// otherwise. status, when not 0, replaces the reply (429, 503). calls,
// when not nil, counts the apiRestrictions requests. The server is closed
// when the test ends.
func Binance(t testing.TB, key, secret string, status int, reply string, calls *atomic.Int64) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/v3/time":
			w.Write([]byte(`{"serverTime":` + strconv.FormatInt(time.Now().UnixMilli(), 10) + `}`))
			return
		case "/sapi/v1/account/apiRestrictions":
			if calls != nil {
				calls.Add(1)
			}
		default:
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if status != 0 {
			w.WriteHeader(status)
			w.Write([]byte(`{"code":-1003,"msg":"Too many requests."}`))
			return
		}
		q := r.URL.RawQuery
		i := strings.LastIndex(q, "&signature=")
		if r.Header.Get("X-MBX-APIKEY") != key || i < 0 || sign.Binance(secret, q[:i]) != q[i+len("&signature="):] {
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"code":-1022,"msg":"Signature for this request is not valid."}`))
			return
		}
		w.Write([]byte(reply))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Restrictions is an apiRestrictions reply in Binance's documented shape:
// IP restriction, spot trading and withdrawals as given, reading on,
// everything else off, created at created.
func Restrictions(ip, trade, withdraw bool, created time.Time) string {
	b := strconv.FormatBool
	return `{"ipRestrict":` + b(ip) + `,"createTime":` + strconv.FormatInt(created.UnixMilli(), 10) +
		`,"enableReading":true,"enableWithdrawals":` + b(withdraw) + `,"enableInternalTransfer":false,"enableMargin":false,` +
		`"enableFutures":false,"permitsUniversalTransfer":false,"enableVanillaOptions":false,"enableFixApiTrade":false,` +
		`"enableFixReadOnly":false,"enableSpotAndMarginTrading":` + b(trade) + `,"enablePortfolioMarginTrading":false}`
}
