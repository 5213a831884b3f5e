package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// groupC lists the verifiers of this file's exchanges.
func groupC() []Verifier {
	return []Verifier{BitMEX{}, WooX{}, BitMart{}, Bitvavo{}, Poloniex{}, Upbit{}, Phemex{}}
}

// groupCClockOffset asks an exchange's public server-time endpoint for its
// clock and returns server minus local time in milliseconds, so a signer
// can stamp each attempt with time.Now().UnixMilli()+offset. pick extracts
// the server time in milliseconds from the reply (0 when absent). Any
// failure gives 0: the local clock.
func groupCClockOffset(ctx context.Context, call *Caller, path string, pick func([]byte) int64) int64 {
	before := time.Now().UnixMilli()
	resp, err := call.Do(ctx, Request{Method: http.MethodGet, Path: path}, nil)
	if err != nil || resp.Status != http.StatusOK {
		return 0
	}
	server := pick(resp.Body)
	if server <= 0 {
		return 0
	}
	after := time.Now().UnixMilli()
	return server - (before+after)/2
}

// groupCCode is an exchange error code that may be sent as a JSON number
// or a JSON string ("-1002" and -1002 alike); it holds the text.
type groupCCode string

func (c *groupCCode) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*c = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*c = groupCCode(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*c = groupCCode(n.String())
	return nil
}

// asInt returns the code as an integer, or ok false when it is not one.
func (c groupCCode) asInt() (int64, bool) {
	n, err := strconv.ParseInt(string(c), 10, 64)
	return n, err == nil
}

// groupCIPLive is the result for a key the exchange says exists but may
// not be used from this machine's address (reference §0.3).
func groupCIPLive(reason string) Result {
	return Result{
		Status: Live, KeyExists: Yes, IPRestricted: Yes,
		Reason: "the key exists but this machine's IP address is not on its allow-list, so its permissions cannot be read (" + reason + ")",
	}
}

// groupCBadSecret is the result for a known key signed with the wrong
// secret or passphrase (reference §0.4).
func groupCBadSecret(reason string) Result {
	return Result{Status: Indeterminate, KeyExists: Yes,
		Reason: "the key exists but the signature was rejected: a wrong secret or passphrase for it, or a rotated one (" + reason + ")"}
}
