package verify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// The verdicts below mean the same on every venue; they keep the wording
// and the fields set (reference §0.3, §0.4) consistent. detail is the
// exchange's own code and words ("OKX 50110: …").

// verdictUnknownKey: the exchange said the key does not exist.
func verdictUnknownKey(detail string) Result {
	return Result{Status: Dead, KeyExists: No, Reason: "unknown key (" + detail + ")"}
}

// verdictIPRestricted: the key exists but the caller's IP is not on its
// allow-list (the IP check runs after the key lookup), so it is live and
// locked to an allow-list, with permissions unknown.
func verdictIPRestricted(detail string) Result {
	return Result{Status: Live, KeyExists: Yes, IPRestricted: Yes,
		Reason: "the key exists but the scanner's IP is not on its allow-list, so its permissions are unknown (" + detail + ")"}
}

// verdictSecretRejected: a known key signed with the wrong secret or
// passphrase.
func verdictSecretRejected(detail string) Result {
	return Result{Status: Indeterminate, KeyExists: Yes,
		Reason: "the key exists but the secret or passphrase was rejected: wrong pairing or a rotated secret (" + detail + ")"}
}

// verdictPermissionDenied: a known, correctly signed key that lacks the
// permission the read-only call needs. It is live; what it can do is
// unknown.
func verdictPermissionDenied(detail string) Result {
	return Result{Status: Live, KeyExists: Yes,
		Reason: "the key was accepted but lacks the permission this read-only call needs; its other permissions are unknown (" + detail + ")"}
}

// verdictClockSkew: the request's timestamp or expiry was refused.
func verdictClockSkew(detail string) Result {
	return Result{Status: Indeterminate, Reason: "clock skew: the request's timestamp was rejected (" + detail + ")"}
}

// verdictRateLimited: the exchange's own rate-limit code.
func verdictRateLimited(detail string) Result {
	return Result{Status: Indeterminate, Reason: "rate limited (" + detail + ")"}
}

// verdictRefused: the key exists but the exchange refused it (frozen,
// locked, disabled for the API).
func verdictRefused(detail string) Result {
	return Result{Status: Indeterminate, KeyExists: Yes, Reason: "the key exists but was refused (" + detail + ")"}
}

// verdictExpired: the key exists but has expired.
func verdictExpired(detail string) Result {
	return Result{Status: Dead, KeyExists: Yes, Reason: "the key exists but has expired (" + detail + ")"}
}

// verdictAmbiguous: an answer the exchange gives both for an unknown key
// and for a real key with a wrong or rotated secret.
func verdictAmbiguous(detail string) Result {
	return Result{Status: Indeterminate,
		Reason: "the exchange gives this answer both for an unknown key and for a wrong or rotated secret, so whether the key exists is unknown (" + detail + ")"}
}

// verdictNonceRejected: a venue with a per-key nonce floor refused the
// nonce. The floor is kept per key, so the key exists; verification stops.
func verdictNonceRejected(detail string) Result {
	return Result{Status: Indeterminate, KeyExists: Yes,
		Reason: "the key exists (its nonce floor is kept per key) but its owner uses larger nonces than the verifier's; verification stops here: no request with a larger nonce is sent, so the owner's floor is untouched (" + detail + ")"}
}

// verdictUnexpected: a reply no rule explains.
func verdictUnexpected(resp *Response) Result {
	return Result{Status: Indeterminate, Reason: fmt.Sprintf("unexpected reply (HTTP %d): %s", resp.Status, replyMessage(resp.Body))}
}

// verdictUnreadable: a success reply without the documented shape.
func verdictUnreadable(what string) Result {
	return Result{Status: Indeterminate, Reason: "unreadable " + what + " reply"}
}

// verdictOther is the verdict for an error code the verifier does not
// list: IP-restricted when its message refuses the caller's IP, otherwise
// indeterminate with the exchange's words.
func verdictOther(detail, msg string) Result {
	if ipRefused(msg) {
		return verdictIPRestricted(detail)
	}
	return Result{Status: Indeterminate, Reason: detail}
}

// codes maps an exchange's error codes (or labels) to verdicts.
type codes map[string]func(detail string) Result

// verdict is the verdict of code: its entry, else verdictOther.
func (t codes) verdict(code, detail, msg string) Result {
	if f, ok := t[code]; ok {
		return f(detail)
	}
	return verdictOther(detail, msg)
}

// phrases maps phrases an exchange's error message contains (compared
// without case) to verdicts, in order, for venues that tell their errors
// apart by words rather than codes.
type phrases []struct {
	text    string
	verdict func(detail string) Result
}

// find returns the verdict of the first phrase msg contains, or nil.
func (p phrases) find(msg string) func(detail string) Result {
	low := strings.ToLower(msg)
	for _, e := range p {
		if strings.Contains(low, e.text) {
			return e.verdict
		}
	}
	return nil
}

// verdict is the verdict of the first phrase msg contains, else
// verdictOther.
func (p phrases) verdict(msg, detail string) Result {
	if f := p.find(msg); f != nil {
		return f(detail)
	}
	return verdictOther(detail, msg)
}

// ipRefusalText matches an error message that refuses the caller's IP
// address: "IP" followed by a refusal ("Request IP not in whitelist",
// "IP [x] not in the ip white list", "IP is forbidden", "Request IP
// mismatch", "IP_ILLEGAL") or preceded by one ("Invalid request ip",
// "Unmatched IP", "does not allow access from this IP", "not a verified
// IP"), within one clause: Binance's "Invalid API-key, IP, or permissions"
// lists the IP among other causes and does not count.
var ipRefusalText = regexp.MustCompile(`(?i)` +
	`\bip(\s?address)?\b[^,;]{0,40}?\b(not|non|mismatch|forbidden|illegal|invalid|denied|rejected|restricted|prohibited|unauthori[sz]ed)\b` +
	`|\b(not|invalid|illegal|unmatched|unauthori[sz]ed|forbidden|unverified|disallowed|blocked|untrusted)\b[^,;.]{0,40}?\bip\b` +
	`|ip\s*地址`)

// ipRefused reports whether an exchange's error message refuses the
// caller's IP address. Exchanges send an IP refusal in two forms, a
// dedicated code or label and a generic one whose message says it (Gate's
// IP_FORBIDDEN and FORBIDDEN "Request IP not in whitelist: …"), so
// verifiers read the message as well as the code.
func ipRefused(msg string) bool {
	msg = strings.NewReplacer("_", " ", "-", " ").Replace(msg)
	return ipRefusalText.MatchString(msg)
}

// replyMessage extracts an error text from an exchange reply: a JSON
// "message", "msg", "error_details", "error" or "reason" field, or else
// the body itself, shortened.
func replyMessage(body []byte) string {
	if msg, ok := jsonMessage(body); ok {
		return msg
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// jsonMessage returns the error message of a JSON error body; ok is false
// when the body is not a JSON object with one.
func jsonMessage(body []byte) (msg string, ok bool) {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return "", false
	}
	for _, k := range []string{"message", "msg", "error_details", "error", "reason"} {
		if s, ok := m[k].(string); ok && s != "" {
			return s, true
		}
	}
	return "", false
}

// jsonStrings returns every string in a JSON value (a string, or objects
// and arrays of them), objects' keys sorted for a stable order.
func jsonStrings(raw json.RawMessage) []string {
	var v any
	if len(bytes.TrimSpace(raw)) == 0 || json.Unmarshal(raw, &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, k := range sortedKeys(x) {
				walk(x[k])
			}
		}
	}
	walk(v)
	return out
}

// unlistedUnknown turns the No answers of the write permissions into Unknown:
// used when the exchange listed a permission name the verifier does not
// recognise, which might grant what the known names do not.
func unlistedUnknown(p *Permissions) {
	for _, t := range []*Tri{&p.Trade, &p.Withdraw, &p.Transfer, &p.Futures, &p.Margin} {
		if *t == No {
			*t = Unknown
		}
	}
}
