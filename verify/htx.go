package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// HTX verifies HTX (Huobi) access keys (signature v2, HmacSHA256). The
// first signed call, GET /v2/user/uid, proves the key is live and gives
// the uid that the permission endpoint, GET /v2/user/api-key?uid=&accessKey=,
// needs; that reply reports the key's permission list (readOnly, trade,
// withdraw), its bound IP addresses and its remaining valid days. The
// Timestamp parameter comes from the public GET /v1/common/timestamp (no
// nonce: HTX checks the timestamp against a window, so there is no floor to
// raise). HTX answers an unknown key, a bad signature and a refused IP with
// the same err-code, api-signature-not-valid, told apart by err-msg.
type HTX struct{}

// Spec describes the HTX verifier.
func (HTX) Spec() Spec {
	return Spec{
		Name: "htx", BaseURL: "https://api.huobi.pro",
		Endpoints: gets("/v1/common/timestamp", "/v2/user/uid", "/v2/user/api-key"),
		// One verification makes three calls; the burst lets them through.
		Rate: 2, Burst: 3, Concurrency: 2,
		Notes: "GET /v2/user/uid proves liveness, then GET /v2/user/api-key?uid=&accessKey= reports read, trade, withdraw, the bound IPs and the remaining valid days and the creation time (createTime, ms) (parent-user keys only; a sub-user key is reported live with permissions unknown). Timestamp from GET /v1/common/timestamp; no nonce.",
	}
}

// htxReply covers both HTX reply shapes: v1 ({"status","err-code",
// "err-msg","data"}) and v2 ({"code","message","data"}).
type htxReply struct {
	Status  string          `json:"status"`
	ErrCode string          `json:"err-code"`
	ErrMsg  string          `json:"err-msg"`
	Code    *int            `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// ok reports whether the reply is a success.
func (h htxReply) ok() bool {
	if h.Code != nil {
		return *h.Code == 200
	}
	return h.Status == "ok"
}

// htxKey is one entry of GET /v2/user/api-key.
type htxKey struct {
	AccessKey   string  `json:"accessKey"`
	Note        string  `json:"note"`
	Permission  string  `json:"permission"`
	IPAddresses string  `json:"ipAddresses"`
	ValidDays   *int    `json:"validDays"`
	Status      string  `json:"status"`
	CreateTime  lenient `json:"createTime"`
}

// htxGet makes a signed GET with the given query parameters, timed by
// the server clock offset off, and decodes the reply; ok is false when
// verification ends with end.
func htxGet(ctx context.Context, call *Caller, c Credential, off clock, path string, params url.Values) (resp *Response, rep htxReply, end Result, ok bool) {
	resp, end, ok = fetch(ctx, call, Request{Method: http.MethodGet, Path: path}, func(r *Request) {
		p := sign.HTXAuthParams(c.Key, off.now(), params)
		sig := sign.HTX(c.Secret, r.Method, call.Host(), r.Path, p)
		r.RawQuery = sign.HTXParams(p) + "&Signature=" + url.QueryEscape(sig)
	}, &rep)
	return resp, rep, end, ok
}

// htxErrorResult interprets an HTX error reply.
func htxErrorResult(rep htxReply, resp *Response) Result {
	code, msg := rep.ErrCode, rep.ErrMsg
	if code == "" && rep.Code != nil {
		code = strconv.Itoa(*rep.Code)
	}
	if msg == "" {
		msg = rep.Message
	}
	if code == "" && msg == "" {
		return verdictUnexpected(resp)
	}
	return htxErrors.verdict(code+" "+msg, "HTX "+code+": "+msg)
}

// htxErrors are HTX's errors, told apart by err-msg (one err-code,
// api-signature-not-valid, covers an unknown key, a bad signature, a bad
// timestamp and a refused IP).
var htxErrors = phrases{
	{"incorrect access key", verdictUnknownKey}, {"access key错误", verdictUnknownKey},
	{"verification failure", verdictSecretRejected}, {"校验失败", verdictSecretRejected},
	{"submission time", verdictClockSkew}, {"timestamp", verdictClockSkew},
	// Every HTX key has readOnly, so a refusal of a read call is an
	// anomaly (an expired or frozen key), not a permission set.
	{"no permission", htxRefused}, {"没有权限", htxRefused},
}

// htxRefused: HTX refused a read-only call for a known key.
func htxRefused(d string) Result {
	return Result{Status: Indeterminate, KeyExists: Yes, Reason: "HTX refused a read-only call for a known key (" + d + ")"}
}

// Verify checks an HTX credential.
func (HTX) Verify(ctx context.Context, call *Caller, c Credential) Result {
	off := serverClock(ctx, call, "/v1/common/timestamp", millisAt(1, at("data")))
	resp, rep, end, ok := htxGet(ctx, call, c, off, "/v2/user/uid", nil)
	if !ok {
		return end
	}
	if !rep.ok() {
		return htxErrorResult(rep, resp)
	}
	var uid int64
	if json.Unmarshal(rep.Data, &uid) != nil || uid <= 0 {
		return verdictUnreadable("uid")
	}
	live := Result{Status: Live, KeyExists: Yes, Account: fmt.Sprintf("uid %d", uid)}

	q := url.Values{"uid": {strconv.FormatInt(uid, 10)}, "accessKey": {c.Key}}
	resp, rep, end, ok = htxGet(ctx, call, c, off, "/v2/user/api-key", q)
	var keys []htxKey
	switch {
	case !ok:
		live.Reason = "GET /v2/user/uid accepted the key; the permission query failed (" + end.Reason + "), so permissions are unknown"
		return live
	case !rep.ok():
		e := htxErrorResult(rep, resp)
		live.Reason = "GET /v2/user/uid accepted the key; the permission query was refused (" + e.Reason + "; HTX answers it for parent-user keys only), so permissions are unknown"
		return live
	case json.Unmarshal(rep.Data, &keys) != nil:
		live.Reason = "GET /v2/user/uid accepted the key; the permission reply was unreadable, so permissions are unknown"
		return live
	}
	k, found := htxFindKey(keys, c.Key)
	if !found {
		live.Reason = "GET /v2/user/uid accepted the key; the permission reply did not list it, so permissions are unknown"
		return live
	}
	return htxKeyResult(live, k)
}

// htxFindKey picks the entry for key: the one whose accessKey matches, or
// the only one (the query names the key, so HTX returns just it).
func htxFindKey(keys []htxKey, key string) (htxKey, bool) {
	for _, k := range keys {
		if k.AccessKey == key {
			return k, true
		}
	}
	if len(keys) == 1 && keys[0].AccessKey == "" {
		return keys[0], true
	}
	return htxKey{}, false
}

// htxKeyResult maps an api-key entry onto the result.
func htxKeyResult(res Result, k htxKey) Result {
	res.Reason = "the permission endpoint accepted the key"
	res.PermissionsSource = "GET /v2/user/api-key"
	if perms := splitList(k.Permission); len(perms) > 0 {
		has := func(p string) Tri {
			for _, q := range perms {
				if strings.EqualFold(q, p) {
					return Yes
				}
			}
			return No
		}
		// HTX's trade permission also covers transfers between the
		// owner's own accounts; no HTX permission moves funds to
		// another user except withdraw, so Transfer stays unknown.
		res.Permissions = Permissions{Read: has("readOnly"), Trade: has("trade"), Withdraw: has("withdraw")}
	} else {
		res.Reason += "; it reported no permission list"
	}
	ips := splitList(k.IPAddresses)
	res.IPAllowlist = ips
	res.IPRestricted = TriOf(len(ips) > 0)
	if k.ValidDays != nil && *k.ValidDays > 0 {
		// validDays is the remaining validity in days (-1: no expiry,
		// for IP-bound keys), so the date is approximate to a day.
		t := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, *k.ValidDays)
		res.Expires = &t
	}
	res.Created = lenientTime(k.CreateTime, time.Millisecond)
	if k.Note != "" {
		res.Account += " (key note: " + k.Note + ")"
	}
	if k.Status != "" && !strings.EqualFold(k.Status, "normal") {
		res.Reason += "; HTX reports the key's status as " + k.Status
	}
	return res
}
