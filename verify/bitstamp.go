package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// Bitstamp verifies Bitstamp v2 API keys (X-Auth header signing). One
// signed call, POST /api/v2/account_balances/, proves the key is live.
// Bitstamp has no endpoint that reports a key's permissions, so only read
// (the balance permission that call needs) is reported; trade and
// withdraw stay unknown. X-Auth-Nonce is a fresh UUID4 and
// X-Auth-Timestamp the local clock in milliseconds: v2 nonces only need to
// be unique within the timestamp window, so unlike the legacy v1 counter
// they set no floor that the owner's client could trip over. Bitstamp
// publishes no server-time endpoint.
type Bitstamp struct{}

const (
	bitstampPath = "/api/v2/account_balances/"
	// bitstampBody is the dummy form body CCXT sends on parameterless
	// POSTs, because Bitstamp answers an empty POST with API0020.
	bitstampBody        = "foo=bar"
	bitstampContentType = "application/x-www-form-urlencoded"
)

// Spec describes the Bitstamp verifier.
func (Bitstamp) Spec() Spec {
	return Spec{
		Name:      "bitstamp",
		BaseURL:   "https://www.bitstamp.net",
		Endpoints: []Endpoint{{http.MethodPost, bitstampPath}},
		Rate:      2, Burst: 2, Concurrency: 2,
		Notes: "POST /api/v2/account_balances/ proves liveness and the balance (read) permission; permissions unknown otherwise: no permission endpoint. IP restriction is known only when Bitstamp refuses the IP. X-Auth-Nonce is a UUID4 and X-Auth-Timestamp the local clock in ms (no nonce floor in v2).",
	}
}

// Verify checks a Bitstamp credential.
func (Bitstamp) Verify(ctx context.Context, call *Caller, c Credential) Result {
	req := Request{Method: http.MethodPost, Path: bitstampPath, Body: []byte(bitstampBody)}
	resp, err := call.Do(ctx, req, func(r *Request) {
		// UUIDv4 reads crypto/rand, which does not fail; an empty nonce
		// would only be refused by Bitstamp, never misread as live.
		nonce, _ := sign.UUIDv4(nil)
		ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
		r.Header.Set("X-Auth", "BITSTAMP "+c.Key)
		r.Header.Set("X-Auth-Nonce", nonce)
		r.Header.Set("X-Auth-Timestamp", ts)
		r.Header.Set("X-Auth-Version", "v2")
		r.Header.Set("Content-Type", bitstampContentType)
		r.Header.Set("X-Auth-Signature", sign.Bitstamp(c.Secret, sign.BitstampRequest{
			APIKey: c.Key, Method: r.Method, Host: call.Host(), Path: r.Path, Query: r.RawQuery,
			ContentType: bitstampContentType, Nonce: nonce, Timestamp: ts, Body: string(r.Body),
		}))
	})
	if err != nil {
		return errResult(err)
	}
	if r, ok := Transient(resp); ok {
		return r
	}
	var balances []json.RawMessage
	if resp.Status == http.StatusOK && json.Unmarshal(resp.Body, &balances) == nil {
		return Result{
			Status: Live, KeyExists: Yes,
			Reason:            "the balance endpoint accepted the key; Bitstamp has no permission endpoint, so trade and withdraw are unknown",
			Permissions:       Permissions{Read: Yes},
			PermissionsSource: "inferred: POST /api/v2/account_balances/ needs the balance permission (Bitstamp reports no key permissions)",
		}
	}
	return bitstampErrorResult(resp)
}

// bitstampErrorResult interprets Bitstamp's {"status":"error","reason":…,
// "code":"API00xx"} replies; reason is a string or an object of lists.
func bitstampErrorResult(resp *Response) Result {
	var be struct {
		Status string          `json:"status"`
		Reason json.RawMessage `json:"reason"`
		Code   string          `json:"code"`
		Error  string          `json:"error"`
	}
	if json.Unmarshal(resp.Body, &be) != nil {
		return verdictUnexpected(resp)
	}
	reason := strings.TrimSpace(strings.Join(append(jsonStrings(be.Reason), be.Error), " "))
	if reason == "" && be.Code == "" {
		return verdictUnexpected(resp)
	}
	detail := strings.TrimSpace("Bitstamp " + be.Code + ": " + reason)
	low := strings.ToLower(reason)
	switch {
	case strings.Contains(low, "api key not found"), strings.Contains(low, "wrong api key format"):
		return verdictUnknownKey(detail)
	case ipRefused(reason): // "IP address not allowed"
		return verdictIPRestricted(detail)
	case strings.Contains(low, "invalid signature"), be.Code == "API0005":
		return verdictSecretRejected(detail)
	case strings.Contains(low, "no permission found"):
		return verdictPermissionDenied(detail)
	case strings.Contains(low, "timestamp"), strings.Contains(low, "invalid nonce"):
		return verdictClockSkew(detail)
	}
	return Result{Status: Indeterminate, Reason: detail}
}

// jsonStrings returns every string in a JSON value (a string, or objects
// and arrays of them), objects' keys sorted for a stable order.
func jsonStrings(raw json.RawMessage) []string {
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	if len(bytes.TrimSpace(raw)) == 0 || d.Decode(&v) != nil {
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
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k])
			}
		}
	}
	walk(v)
	return out
}

// The verdicts below mean the same on every venue of this group; they keep
// the wording and the fields set (reference §0.3, §0.4) consistent.

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
		Reason: "the key exists but the secret was rejected: wrong pairing or a rotated secret (" + detail + ")"}
}

// verdictPermissionDenied: a known, correctly signed key that lacks the
// permission the read-only call needs. It is live; what it can do is
// unknown.
func verdictPermissionDenied(detail string) Result {
	return Result{Status: Live, KeyExists: Yes,
		Reason: "the key was accepted but lacks the permission this read-only call needs; its other permissions are unknown (" + detail + ")"}
}

// verdictClockSkew: the request's timestamp or nonce was refused.
func verdictClockSkew(detail string) Result {
	return Result{Status: Indeterminate, Reason: "the request's timestamp or nonce was rejected (" + detail + ")"}
}

// verdictUnexpected: a reply no rule explains.
func verdictUnexpected(resp *Response) Result {
	return Result{Status: Indeterminate, Reason: fmt.Sprintf("unexpected reply (HTTP %d)", resp.Status)}
}

// verdictIPText matches error texts that blame the caller's IP address:
// "ip" not inside a word ("IP [1.2.3.4]", "ip_not_allowed", "Invalid IP"),
// "ipAddress"/"ipwhitelist", or HTX's Chinese "ip地址".
var verdictIPText = regexp.MustCompile(`(?i)(^|[^a-z])ip([^a-z]|$|[ _-]?(address|whitelist|white ?list))|ip地址`)

// verdictMentionsIP reports whether an error text blames the IP address.
func verdictMentionsIP(s string) bool { return verdictIPText.MatchString(s) }

// looseString decodes a JSON string or number (exchanges send codes as
// either) into its text.
type looseString string

// UnmarshalJSON accepts a string, a number or null.
func (s *looseString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		*s = looseString(str)
		return nil
	}
	if string(b) == "null" {
		*s = ""
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*s = looseString(n.String())
	return nil
}
