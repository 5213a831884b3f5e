package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// fetch sends r (signed by sign before each attempt) and, when v is not
// nil, decodes the JSON reply into v. ok is false when verification ends
// here, with end as its result: the request failed, the reply is a rate
// limit, a server error page, a block page or truncated, or it is not JSON
// of v's shape.
func fetch(ctx context.Context, call *Caller, r Request, sign func(*Request), v any) (resp *Response, end Result, ok bool) {
	resp, err := call.Do(ctx, r, sign)
	if err != nil {
		return nil, errResult(err), false
	}
	if t, stop := Transient(resp); stop {
		return resp, t, false
	}
	if v != nil && json.Unmarshal(resp.Body, v) != nil {
		return resp, verdictUnexpected(resp), false
	}
	return resp, Result{}, true
}

// lenient is a JSON value exchanges send either as a string or as a
// number ("-1002" and -1002, "1700000000000" and 1420674445.201); it
// holds the text, and null or absent is "".
type lenient string

// UnmarshalJSON accepts a string, a number or null.
func (l *lenient) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = lenient(s)
		return nil
	}
	if string(b) == "null" {
		*l = ""
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*l = lenient(n.String())
	return nil
}

// Int returns the integer part of the value: 0 for "", an error when it
// is not a number.
func (l lenient) Int() (int64, error) {
	s := strings.TrimSpace(string(l))
	if s == "" {
		return 0, nil
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return int64(f), nil
}

// unixTime is the instant n milliseconds (unit time.Millisecond) or
// seconds (any other unit) after the Unix epoch, in UTC; nil when n is not
// positive, which exchanges send for "no date".
func unixTime(n int64, unit time.Duration) *time.Time {
	if n <= 0 {
		return nil
	}
	t := time.Unix(n, 0).UTC()
	if unit == time.Millisecond {
		t = time.UnixMilli(n).UTC()
	}
	return &t
}

// lenientTime reads a lenient number as a unixTime; nil when it is not a
// number.
func lenientTime(l lenient, unit time.Duration) *time.Time {
	n, err := l.Int()
	if err != nil {
		return nil
	}
	return unixTime(n, unit)
}

// rfc3339Time parses an RFC 3339 date ("2022-10-16T02:24:40Z", with or
// without fractional seconds); nil when s is empty or not one.
func rfc3339Time(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return nil
	}
	t = t.UTC()
	return &t
}

// clock is an exchange's server clock as read by serverClock. The zero
// clock is the local one.
type clock struct {
	server time.Time // what the exchange said
	mid    time.Time // local time at the middle of the round trip
}

// now is the exchange's time now: its reading plus the time since the
// middle of the round trip (half the round trip, the wait for a rate
// limit, retries' backoff). The correction is counted in whole seconds,
// rounded down: a stamp is never ahead of the exchange's clock (Binance
// refuses one 1 s ahead), and every window accepts one less than a second
// behind.
func (c clock) now() time.Time {
	if c.server.IsZero() {
		return time.Now()
	}
	return c.server.Add(time.Since(c.mid).Truncate(time.Second))
}

// localClock is the local clock.
var localClock clock

// millis is now in milliseconds, as text.
func (c clock) millis() string { return strconv.FormatInt(c.now().UnixMilli(), 10) }

// seconds is now in seconds, as text.
func (c clock) seconds() string { return strconv.FormatInt(c.now().Unix(), 10) }

// setHeaders sets each key to its value (kv alternates the two).
func setHeaders(h http.Header, kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
}

// serverClock asks a public server-time endpoint for the exchange's clock,
// so signatures made later (retries included) carry the exchange's time.
// pick extracts the server time in milliseconds from the reply (0 when
// absent). Any failure gives the local clock; a skew error, if any, is
// then reported as indeterminate by the verifier.
func serverClock(ctx context.Context, call *Caller, path string, pick func(body []byte) int64) clock {
	before := time.Now()
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: path}, nil)
	if err != nil || resp.Status != http.StatusOK || resp.Truncated {
		return clock{}
	}
	ms := pick(resp.Body)
	if ms <= 0 {
		return clock{}
	}
	return clock{server: time.UnixMilli(ms), mid: before.Add(time.Since(before) / 2)}
}

// millisAt returns a pick for serverClock: the number (or numeric string)
// at path, object keys or array indexes as "0", times scale milliseconds
// (1 for milliseconds, 1000 for seconds).
func millisAt(scale float64, path []string) func([]byte) int64 {
	return func(body []byte) int64 {
		var v any
		d := json.NewDecoder(bytes.NewReader(body))
		d.UseNumber()
		if d.Decode(&v) != nil {
			return 0
		}
		for _, k := range path {
			switch x := v.(type) {
			case map[string]any:
				v = x[k]
			case []any:
				i, err := strconv.Atoi(k)
				if err != nil || i < 0 || i >= len(x) {
					return 0
				}
				v = x[i]
			default:
				return 0
			}
		}
		var s string
		switch x := v.(type) {
		case json.Number:
			s = x.String()
		case string:
			s = x
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 {
			return int64(f * scale)
		}
		return 0
	}
}

// firstOf returns a pick for serverClock: the first pick's positive answer.
func firstOf(picks ...func([]byte) int64) func([]byte) int64 {
	return func(body []byte) int64 {
		for _, p := range picks {
			if ms := p(body); ms > 0 {
				return ms
			}
		}
		return 0
	}
}

// at is a path for millisAt.
func at(keys ...string) []string { return keys }

// splitList splits a comma- or semicolon-separated list, trimming blanks
// and dropping empty items; nil when nothing is left.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// sortedKeys returns m's keys, sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
