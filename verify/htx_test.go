package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

var htxCred = Credential{
	Exchange: "htx",
	Key:      "7d393344-1qdmpe4rty-37def1b5-d10e3",
	Secret:   "b0a1c2d3-c6e5f4a3-94b2c1d0-d9e8f",
}

const htxUID = "63628520"

// htxEscape percent-encodes like HTX's examples: RFC 3986, space as %20.
func htxEscape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// htxServer checks a signed request the way HTX does: AccessKeyId, the
// signature method and version, a Timestamp within a minute, then the
// base64 HMAC-SHA256 of "GET\n"+host+"\n"+path+"\n"+sorted escaped
// params, recomputed here independently. It answers GET /v2/user/uid with
// the uid and GET /v2/user/api-key (for that uid and key) with apiKey.
func htxServer(key, secret, apiKey string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := func(msg string) {
			jsonHandler(200, `{"status":"error","err-code":"api-signature-not-valid","err-msg":"Signature not valid: `+msg+`","data":null}`)(w, r)
		}
		if r.URL.Path == "/v1/common/timestamp" {
			jsonHandler(200, `{"status":"ok","data":`+strconv.FormatInt(time.Now().UnixMilli(), 10)+`}`)(w, r)
			return
		}
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			fail("bad query")
			return
		}
		if q.Get("AccessKeyId") != key {
			fail("Incorrect Access key [Access key错误]")
			return
		}
		ts, err := time.Parse("2006-01-02T15:04:05", q.Get("Timestamp"))
		if err != nil || time.Since(ts).Abs() > time.Minute || q.Get("SignatureMethod") != "HmacSHA256" || q.Get("SignatureVersion") != "2" {
			fail("Invalid submission time or incorrect time format")
			return
		}
		got := q.Get("Signature")
		q.Del("Signature")
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, htxEscape(k)+"="+htxEscape(q.Get(k)))
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte("GET\n" + strings.ToLower(r.Host) + "\n" + r.URL.Path + "\n" + strings.Join(parts, "&")))
		if !hmac.Equal([]byte(base64.StdEncoding.EncodeToString(m.Sum(nil))), []byte(got)) {
			fail("Verification failure [校验失败]")
			return
		}
		switch r.URL.Path {
		case "/v2/user/uid":
			jsonHandler(200, `{"code":200,"data":`+htxUID+`}`)(w, r)
		case "/v2/user/api-key":
			if q.Get("uid") != htxUID || q.Get("accessKey") != key {
				jsonHandler(200, `{"code":2002,"message":"invalid.field.value","success":false}`)(w, r)
				return
			}
			jsonHandler(200, apiKey)(w, r)
		default:
			jsonHandler(404, `{"status":"error","err-code":"not-found","err-msg":"404 Not Found"}`)(w, r)
		}
	}
}

// htxKeyReply is a GET /v2/user/api-key reply for htxCred.
func htxKeyReply(permission, ips string, validDays int) string {
	return `{"code":200,"message":"success","data":[{"accessKey":"` + htxCred.Key + `","note":"grid bot","permission":"` + permission +
		`","ipAddresses":"` + ips + `","validDays":` + strconv.Itoa(validDays) + `,"status":"normal","createTime":1591348751000,"updateTime":1591348751000}],"ok":true}`
}

// htxFixed answers the uid call like htxServer, and every other call with body.
func htxFixed(body string) http.HandlerFunc {
	ok := htxServer(htxCred.Key, htxCred.Secret, "")
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/user/api-key" {
			jsonHandler(200, body)(w, r)
			return
		}
		ok(w, r)
	}
}

func TestHTX(t *testing.T) {
	key, secret := htxCred.Key, htxCred.Secret
	srv := func(permission, ips string, validDays int) http.HandlerFunc {
		return htxServer(key, secret, htxKeyReply(permission, ips, validDays))
	}
	unknownPerms := func(t *testing.T, r Result) {
		if r.Account != "uid "+htxUID || r.PermissionsSource != "" {
			t.Errorf("account %q, source %q", r.Account, r.PermissionsSource)
		}
	}
	cases := []verifyCase{
		{name: "read only without IP", handler: srv("readOnly", "", 85),
			status: Live, risk: RiskLow, ip: No, keyExists: Yes,
			perms: &Permissions{Read: Yes, Trade: No, Withdraw: No},
			check: func(t *testing.T, r Result) {
				if r.Expires == nil || r.Expires.Before(time.Now().AddDate(0, 0, 84)) || r.Expires.After(time.Now().AddDate(0, 0, 86)) {
					t.Errorf("expires %v, want about 85 days from now", r.Expires)
				}
				if r.Account != "uid "+htxUID+" (key note: grid bot)" || r.PermissionsSource != "GET /v2/user/api-key" {
					t.Errorf("account %q, source %q", r.Account, r.PermissionsSource)
				}
			}},
		{name: "trade with IP", handler: srv("readOnly,trade", "1.2.3.4,10.0.0.0/24", -1),
			status: Live, risk: RiskHigh, ip: Yes,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: No},
			check: func(t *testing.T, r Result) {
				if !reflect.DeepEqual(r.IPAllowlist, []string{"1.2.3.4", "10.0.0.0/24"}) || r.Expires != nil {
					t.Errorf("allowlist %q, expires %v", r.IPAllowlist, r.Expires)
				}
			}},
		{name: "withdraw without IP", handler: srv("readOnly,trade,withdraw", "", 30),
			status: Live, risk: RiskCritical, ip: No,
			perms: &Permissions{Read: Yes, Trade: Yes, Withdraw: Yes}},
		{name: "withdraw with IP", handler: srv("readOnly,withdraw", "52.1.2.3", -1),
			status: Live, risk: RiskHigh, ip: Yes},
		{name: "IP not bound to the key", handler: jsonHandler(200, `{"status":"error","err-code":"api-signature-not-valid","err-msg":"Signature not valid: ip地址错误","data":null}`),
			status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes, perms: &Permissions{}},
		{name: "unknown key", handler: htxServer("aaaaaaaa-bbbbbbbbbb-cccccccc-ddddd", secret, ""),
			status: Dead, risk: RiskNone, keyExists: No},
		{name: "wrong secret for a known key", handler: htxServer(key, "e1f2a3b4-c5d6e7f8-a9b0c1d2-e3f4a", htxKeyReply("readOnly", "", 85)),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "clock rejected", handler: jsonHandler(200, `{"status":"error","err-code":"api-signature-not-valid","err-msg":"Signature not valid: Invalid submission time or incorrect time format [无效的提交时间，或时间格式错误]","data":null}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "no permission", handler: jsonHandler(200, `{"status":"error","err-code":"api-signature-not-valid","err-msg":"Signature not valid: API key has no permission [API Key没有权限]","data":null}`),
			status: Indeterminate, risk: RiskUnknown, keyExists: Yes},
		{name: "other error", handler: jsonHandler(200, `{"status":"error","err-code":"system-maintenance","err-msg":"System is in maintenance!","data":null}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "v2 error", handler: jsonHandler(200, `{"code":1002,"message":"unauthorized"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "error without text", handler: jsonHandler(200, `{"status":"error"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "unreadable uid", handler: jsonHandler(200, `{"code":200,"data":"x"}`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "not JSON", handler: jsonHandler(200, `ok`),
			status: Indeterminate, risk: RiskUnknown},
		{name: "permission query refused (sub-user key)", handler: htxFixed(`{"code":4009,"message":"Not a parent user","success":false}`),
			status: Live, risk: RiskMedium, keyExists: Yes, perms: &Permissions{}, check: unknownPerms},
		{name: "permission query fails", handler: htxFixed(`<html>busy</html>`),
			status: Live, risk: RiskMedium, keyExists: Yes, check: unknownPerms},
		{name: "permission reply unreadable", handler: htxFixed(`{"code":200,"data":{"x":1}}`),
			status: Live, risk: RiskMedium, check: unknownPerms},
		{name: "permission reply without the key", handler: htxFixed(`{"code":200,"data":[{"accessKey":"other","permission":"readOnly"},{"accessKey":"another","permission":"readOnly"}]}`),
			status: Live, risk: RiskMedium, check: unknownPerms},
		{name: "single unnamed entry, no permission list, frozen", handler: htxFixed(`{"code":200,"data":[{"permission":"","ipAddresses":"","validDays":-1,"status":"frozen"}]}`),
			status: Live, risk: RiskMedium, ip: No, perms: &Permissions{},
			check: func(t *testing.T, r Result) {
				if !strings.Contains(r.Reason, "frozen") || !strings.Contains(r.Reason, "no permission list") {
					t.Errorf("reason %q", r.Reason)
				}
			}},
	}
	runCases(t, HTX{}, htxCred, append(cases, transientCases()...))
}
