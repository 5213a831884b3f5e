package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// groupA lists the verifiers of this file's exchanges.
func groupA() []Verifier {
	return []Verifier{
		Coinbase{}, CoinbaseExchange{}, Kraken{}, OKX{}, Bybit{}, KuCoin{}, Bitfinex{}, Gemini{},
	}
}

// Helpers shared by the group-A verifiers (prefixed ga to stay clear of
// the other groups' files).

// gaNum is a JSON number that exchanges send either as a number or as a
// numeric string ("1700000000000", 1420674445.201). It keeps the integer
// part.
type gaNum int64

// UnmarshalJSON accepts a number, a numeric string, "" or null.
func (n *gaNum) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = gaNum(i)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	*n = gaNum(int64(f))
	return nil
}

// gaClockOffset asks a public server-time endpoint for the exchange's
// clock and returns how far it is ahead of the local one, so signatures
// made later (including on retries) carry the server's time. parse
// extracts the server time in milliseconds from the reply. Any failure
// gives 0: the local clock is used and a skew error, if any, is
// reported as indeterminate by the verifier.
func gaClockOffset(ctx context.Context, call *Caller, path string, parse func([]byte) int64) time.Duration {
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: path}, nil)
	if err != nil || resp.Status != http.StatusOK || resp.Truncated {
		return 0
	}
	ms := parse(resp.Body)
	if ms <= 0 {
		return 0
	}
	return time.Until(time.UnixMilli(ms))
}

// gaSplit splits a comma-separated list, trimming blanks and dropping
// empty items; nil when nothing is left.
func gaSplit(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// gaMessage extracts an error text from an exchange reply: a JSON
// "message", "msg", "error_details", "error" or "reason" field, or else
// the body itself, shortened.
func gaMessage(body []byte) string {
	if msg, ok := gaJSONMessage(body); ok {
		return msg
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// gaJSONMessage returns the error message of a JSON error body; ok is
// false when the body is not a JSON object with one.
func gaJSONMessage(body []byte) (msg string, ok bool) {
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

// gaUnexpected is the indeterminate result for a reply no rule explains.
func gaUnexpected(resp *Response, what string) Result {
	return Result{Status: Indeterminate, Reason: fmt.Sprintf("unexpected %s (HTTP %d): %s", what, resp.Status, gaMessage(resp.Body))}
}

// gaUnreadable is the indeterminate result for a success reply that does
// not have the documented shape.
func gaUnreadable(what string) Result {
	return Result{Status: Indeterminate, Reason: "unreadable " + what + " reply"}
}

// gaIPRestricted is the result for an existing key used from an IP that is
// not on its allow-list: live, but nothing about its permissions is known
// (reference §0.3).
func gaIPRestricted(code string) Result {
	return Result{Status: Live, KeyExists: Yes, IPRestricted: Yes,
		Reason: "the key exists but is restricted to an IP allow-list that excludes this scanner (" + code + "); its permissions could not be read"}
}

// gaBadSecret is the result for a known key whose signature (or
// passphrase) was rejected (reference §0.4).
func gaBadSecret(what, code string) Result {
	return Result{Status: Indeterminate, KeyExists: Yes,
		Reason: "the key exists but the " + what + " was rejected: wrong pairing or a rotated secret (" + code + ")"}
}

// gaUnknownKey is the result for a key the exchange says does not exist.
func gaUnknownKey(code string) Result {
	return Result{Status: Dead, KeyExists: No, Reason: "unknown key (" + code + ")"}
}

// gaClockSkew is the result for a timestamp the exchange refused.
func gaClockSkew(code string) Result {
	return Result{Status: Indeterminate, Reason: "clock skew rejected the request (" + code + ")"}
}

// gaUnlisted turns the No answers of the write permissions into Unknown:
// used when the exchange listed a permission name the verifier does not
// recognise, which might grant what the known names do not.
func gaUnlisted(p *Permissions) {
	for _, t := range []*Tri{&p.Trade, &p.Withdraw, &p.Transfer, &p.Futures, &p.Margin} {
		if *t == No {
			*t = Unknown
		}
	}
}
