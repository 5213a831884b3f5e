// Package verify confirms candidate exchange credentials against
// documented read-only exchange endpoints and reports what a live key
// can do: read, trade, withdraw, transfer; whether it is locked to an IP
// allow-list; and a risk level derived from those.
//
// Safety is enforced in code, not by convention: each Verifier declares
// the method and path pairs it may call, and the HTTP layer (Caller)
// refuses anything else. No verifier can place or cancel an order, move
// funds or withdraw. Requests go only to the exchange's official base URL
// unless an override is configured, and a result made through an override
// says so. Verification is rate-limited and concurrency-capped per
// exchange, has timeouts, retries only indeterminate outcomes, and caches
// results per credential so one key found in 500 commits is checked once.
//
// There are three outcomes. Live: the exchange accepted the credential
// (or said the key exists but the caller's IP is not on its allow-list).
// Dead: the exchange said the key does not exist. Indeterminate: anything
// else — rate limits, server errors, block pages, timeouts, a key that
// exists with a rejected secret — which is never reported as live.
package verify

import (
	"encoding/json"
	"time"
)

// Status is the outcome of a verification.
type Status string

// The verification outcomes.
const (
	Live          Status = "live"
	Dead          Status = "dead"
	Indeterminate Status = "indeterminate"
)

// Tri is a three-valued truth: yes, no, or unknown (JSON null).
type Tri int8

// The values of a Tri.
const (
	Unknown Tri = iota
	Yes
	No
)

// TriOf returns Yes for true and No for false.
func TriOf(b bool) Tri {
	if b {
		return Yes
	}
	return No
}

// MarshalJSON encodes Yes as true, No as false and Unknown as null.
func (t Tri) MarshalJSON() ([]byte, error) {
	switch t {
	case Yes:
		return []byte("true"), nil
	case No:
		return []byte("false"), nil
	}
	return []byte("null"), nil
}

// UnmarshalJSON decodes true, false and null.
func (t *Tri) UnmarshalJSON(b []byte) error {
	var v *bool
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch {
	case v == nil:
		*t = Unknown
	case *v:
		*t = Yes
	default:
		*t = No
	}
	return nil
}

// String returns "yes", "no" or "unknown".
func (t Tri) String() string {
	switch t {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "unknown"
}

// Permissions says what a key may do. Unknown means the exchange did not
// say; verifiers never guess.
type Permissions struct {
	Read     Tri `json:"read"`
	Trade    Tri `json:"trade"`
	Withdraw Tri `json:"withdraw"`
	// Transfer is moving funds between accounts or sub-accounts (a
	// withdrawal in all but name when the other account is the attacker's).
	Transfer Tri `json:"transfer"`
	Futures  Tri `json:"futures"`
	Margin   Tri `json:"margin"`
}

// Risk is the blast radius of a credential, derived from its status,
// permissions and IP restriction.
type Risk string

// The risk levels, from worst.
const (
	// RiskCritical: live, can withdraw or transfer, and is not (known to
	// be) restricted to an IP allow-list.
	RiskCritical Risk = "critical"
	// RiskHigh: live and can trade, withdraw or transfer.
	RiskHigh Risk = "high"
	// RiskMedium: live, but what it can do is unknown.
	RiskMedium Risk = "medium"
	// RiskLow: live and read-only.
	RiskLow Risk = "low"
	// RiskNone: dead.
	RiskNone Risk = "none"
	// RiskUnknown: indeterminate.
	RiskUnknown Risk = "unknown"
)

var riskRank = map[Risk]int{RiskCritical: 5, RiskHigh: 4, RiskMedium: 3, RiskLow: 2, RiskUnknown: 1, RiskNone: 0}

// AtLeast reports whether r is at least as bad as min.
func (r Risk) AtLeast(min Risk) bool { return riskRank[r] >= riskRank[min] }

// ParseRisk accepts a risk level name.
func ParseRisk(s string) (Risk, bool) {
	r := Risk(s)
	_, ok := riskRank[r]
	return r, ok
}

// Result is what verification learned about one credential.
type Result struct {
	Exchange string `json:"exchange"`
	Status   Status `json:"status"`
	// Reason says why, in words, with the exchange's code when it gave one.
	Reason string `json:"reason"`
	// KeyExists is Yes when the exchange confirmed the key exists even if
	// the call failed (a rejected signature or IP for a known key).
	KeyExists    Tri         `json:"key_exists"`
	Permissions  Permissions `json:"permissions"`
	IPRestricted Tri         `json:"ip_restricted"`
	// IPAllowlist is the allow-list when the exchange reports it.
	IPAllowlist []string   `json:"ip_allowlist"`
	Expires     *time.Time `json:"expires"`
	// Created is when the key was created, when the exchange reports it
	// (the policy's key-age rule reads it).
	Created *time.Time `json:"created,omitempty"`
	// Account is the account or sub-account label the reply carried.
	Account string `json:"account,omitempty"`
	// PermissionsSource says where permissions came from: the exchange's
	// permission endpoint, account-level flags, or "" when unknown.
	PermissionsSource string `json:"permissions_source,omitempty"`
	Risk              Risk   `json:"risk"`
	// Endpoint is the base URL that was called; Overridden is true when
	// it is not the exchange's official host.
	Endpoint   string `json:"endpoint"`
	Overridden bool   `json:"endpoint_overridden,omitempty"`
}

// ComputeRisk derives the risk level from the other fields.
func (r *Result) ComputeRisk() Risk {
	p := r.Permissions
	switch {
	case r.Status == Dead:
		return RiskNone
	case r.Status != Live:
		return RiskUnknown
	case (p.Withdraw == Yes || p.Transfer == Yes) && r.IPRestricted != Yes:
		return RiskCritical
	case p.Trade == Yes || p.Withdraw == Yes || p.Transfer == Yes || p.Futures == Yes || p.Margin == Yes:
		return RiskHigh
	case p.Trade == No && p.Withdraw == No:
		return RiskLow // read-only (transfer, if unknown, is not granted to read-only keys)
	default:
		return RiskMedium
	}
}

// finish fills Risk and returns r.
func (r Result) finish() Result {
	r.Risk = r.ComputeRisk()
	return r
}

// tri converts an optional JSON boolean.
func tri(b *bool) Tri {
	if b == nil {
		return Unknown
	}
	return TriOf(*b)
}

// anyTri is Yes if any is true, No if all are known false, else Unknown.
func anyTri(bs ...*bool) Tri {
	out := No
	for _, b := range bs {
		switch tri(b) {
		case Yes:
			return Yes
		case Unknown:
			out = Unknown
		}
	}
	return out
}
