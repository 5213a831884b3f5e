// Package policy holds least-privilege rules over verification results:
// a live key that can withdraw without an IP allow-list, one key that can
// both trade and withdraw, a key older than the rotation period. Each
// rule has a level, fail, warn or off, that a team sets in its
// .keyhound.toml; Check applies them to one verification result and
// says which are violated.
//
// A verdict is only as good as what the exchange reported: a rule that
// needs a fact the exchange did not give (the permissions, the creation
// time) is either reported by its own rule (unknown-permissions) or not
// checked, and a key whose verification was indeterminate is never
// compliant.
package policy

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/keyhound/keyhound/verify"
)

// Level is how a rule's violation counts.
type Level string

// The levels, from strictest.
const (
	// Fail: a violation fails the run (keyhound audit exits 1).
	Fail Level = "fail"
	// Warn: a violation is reported and does not fail the run.
	Warn Level = "warn"
	// Off: the rule is not checked.
	Off Level = "off"
)

// ParseLevel accepts "fail", "warn" or "off".
func ParseLevel(s string) (Level, error) {
	switch l := Level(s); l {
	case Fail, Warn, Off:
		return l, nil
	}
	return "", fmt.Errorf("unknown level %q (fail, warn or off)", s)
}

// Rule names a policy rule.
type Rule string

// The rules.
const (
	// WithdrawWithoutIPAllowlist: live, can withdraw or transfer funds
	// off the account, and not (known to be) locked to an IP allow-list.
	WithdrawWithoutIPAllowlist Rule = "withdraw-without-ip-allowlist"
	// TradeAndWithdraw: one key can both trade and withdraw (or transfer).
	TradeAndWithdraw Rule = "trade-and-withdraw"
	// NoIPAllowlist: a live key without an IP allow-list.
	NoIPAllowlist Rule = "no-ip-allowlist"
	// KeyAge: the key is older than MaxAgeDays, or stays valid longer
	// than that from now (where the exchange reports creation time or
	// expiry).
	KeyAge Rule = "key-age"
	// UnknownPermissions: the exchange did not say what the key can do
	// (trade, withdraw, transfer) or whether it is IP-restricted.
	UnknownPermissions Rule = "unknown-permissions"
	// Unverified: the key could not be verified (indeterminate: rate
	// limits, server errors, a rejected secret, missing parts), so no
	// rule could be checked. Such a key is never compliant, whatever
	// this rule's level.
	Unverified Rule = "unverified"
)

// DefaultMaxAgeDays is key-age's default rotation period.
const DefaultMaxAgeDays = 90

// RuleInfo describes a rule: its name, default level and what it checks.
type RuleInfo struct {
	Rule        Rule
	Default     Level
	Description string
}

// Rules lists every rule in a stable order, with its default level.
func Rules() []RuleInfo {
	return []RuleInfo{
		{WithdrawWithoutIPAllowlist, Fail, "live, can withdraw or transfer funds, and is not restricted to an IP allow-list"},
		{TradeAndWithdraw, Fail, "one key can both trade and withdraw (or transfer): use one key per purpose"},
		{NoIPAllowlist, Warn, "a live key without an IP allow-list"},
		{KeyAge, Warn, fmt.Sprintf("older than max_age_days (default %d), or valid for longer than that from now, where the exchange reports creation time or expiry", DefaultMaxAgeDays)},
		{UnknownPermissions, Warn, "the exchange did not say whether the key can trade, withdraw or transfer, or whether it is IP-restricted"},
		{Unverified, Warn, "verification was indeterminate or not possible (parts missing): nothing could be checked, and the key is never counted as compliant"},
	}
}

// Config is a policy: a level per rule and key-age's rotation period.
// The zero Config is the default policy.
type Config struct {
	// Levels overrides the default level of the rules it names.
	Levels map[Rule]Level
	// MaxAgeDays is key-age's rotation period; 0 means DefaultMaxAgeDays.
	MaxAgeDays int
}

// KnownRule reports whether name is a rule.
func KnownRule(name string) bool {
	for _, ri := range Rules() {
		if string(ri.Rule) == name {
			return true
		}
	}
	return false
}

// RuleNames returns the rule names, sorted.
func RuleNames() []string {
	var out []string
	for _, ri := range Rules() {
		out = append(out, string(ri.Rule))
	}
	sort.Strings(out)
	return out
}

// Level returns the level of rule r under c.
func (c Config) Level(r Rule) Level {
	if l, ok := c.Levels[r]; ok && l != "" {
		return l
	}
	for _, ri := range Rules() {
		if ri.Rule == r {
			return ri.Default
		}
	}
	return Off
}

func (c Config) maxAge() int {
	if c.MaxAgeDays > 0 {
		return c.MaxAgeDays
	}
	return DefaultMaxAgeDays
}

// Violation is one rule a credential breaks.
type Violation struct {
	Rule    Rule   `json:"rule"`
	Level   Level  `json:"level"`
	Message string `json:"message"`
}

// Verdict is the policy's judgement of one credential.
type Verdict struct {
	// Violations are the rules broken at level fail or warn, fail first.
	Violations []Violation `json:"violations"`
	// Compliant is true only for a live key that breaks no rule at fail
	// or warn. It is false for an indeterminate or unverified key
	// whatever the levels, and for a dead one (no policy applies to a
	// key that does not exist).
	Compliant bool `json:"compliant"`
}

// Failed reports whether any violation is at level fail.
func (v *Verdict) Failed() bool {
	if v == nil {
		return false
	}
	for _, x := range v.Violations {
		if x.Level == Fail {
			return true
		}
	}
	return false
}

// Check applies c to one verification result at time now. r nil means
// the credential was not verified (no verifier, parts missing): it is
// judged as indeterminate.
func (c Config) Check(r *verify.Result, now time.Time) Verdict {
	v := Verdict{Violations: []Violation{}}
	add := func(rule Rule, format string, args ...any) {
		if l := c.Level(rule); l != Off {
			v.Violations = append(v.Violations, Violation{Rule: rule, Level: l, Message: fmt.Sprintf(format, args...)})
		}
	}
	switch {
	case r == nil:
		add(Unverified, "not verified (an incomplete credential, or no verifier): no rule could be checked")
		return v
	case r.Status == verify.Dead:
		return v // no key, no power: nothing to judge, and not "compliant" either
	case r.Status != verify.Live:
		add(Unverified, "verification was indeterminate: no rule could be checked")
		v.sort()
		return v
	}
	p := r.Permissions
	moves := p.Withdraw == verify.Yes || p.Transfer == verify.Yes
	if moves && r.IPRestricted != verify.Yes {
		add(WithdrawWithoutIPAllowlist, "can %s and %s", movesWhat(p), ipWords(r.IPRestricted))
	}
	if p.Trade == verify.Yes && moves {
		add(TradeAndWithdraw, "can trade and %s: use one key per purpose", movesWhat(p))
	}
	if r.IPRestricted == verify.No {
		add(NoIPAllowlist, "not restricted to an IP allow-list")
	}
	c.checkAge(r, now, add)
	if u := unknowns(r); len(u) > 0 {
		add(UnknownPermissions, "the exchange did not say: %s", strings.Join(u, ", "))
	}
	v.sort()
	v.Compliant = len(v.Violations) == 0
	return v
}

// checkAge applies key-age: creation time first (the key's age is what
// rotation bounds, so a young key passes whatever its expiry), else the
// expiry: a key valid for longer than the period from now has not been
// rotated within it. A key about to expire is not flagged (its expiry
// forces the rotation), and an expired key is reported dead, so no rule
// reaches it.
func (c Config) checkAge(r *verify.Result, now time.Time, add func(Rule, string, ...any)) {
	max := c.maxAge()
	limit := time.Duration(max) * 24 * time.Hour
	if r.Created != nil {
		if age := now.Sub(*r.Created); age > limit {
			add(KeyAge, "created %s, %d days ago (rotate at least every %d days)", r.Created.UTC().Format("2006-01-02"), int(age.Hours()/24), max)
		}
		return
	}
	if r.Expires != nil {
		if left := r.Expires.Sub(now); left > limit {
			add(KeyAge, "valid until %s, %d days from now: longer than the %d-day rotation period", r.Expires.UTC().Format("2006-01-02"), int(left.Hours()/24), max)
		}
	}
}

// Age returns how old the key of r is at now, when its exchange reported
// when it was created.
func Age(r *verify.Result, now time.Time) (time.Duration, bool) {
	if r == nil || r.Created == nil {
		return 0, false
	}
	return now.Sub(*r.Created), true
}

func (v *Verdict) sort() {
	rank := map[Level]int{Fail: 0, Warn: 1}
	sort.SliceStable(v.Violations, func(i, j int) bool {
		return rank[v.Violations[i].Level] < rank[v.Violations[j].Level]
	})
}

// movesWhat says how a key can move funds.
func movesWhat(p verify.Permissions) string {
	switch {
	case p.Withdraw == verify.Yes && p.Transfer == verify.Yes:
		return "withdraw and transfer funds"
	case p.Withdraw == verify.Yes:
		return "withdraw funds"
	default:
		return "transfer funds between accounts"
	}
}

func ipWords(t verify.Tri) string {
	if t == verify.No {
		return "is not restricted to an IP allow-list"
	}
	return "the exchange did not say whether it is restricted to an IP allow-list"
}

// unknowns names what the exchange did not report. Transfer is asked
// only of keys that can trade or withdraw: read-only keys are not
// granted transfers.
func unknowns(r *verify.Result) []string {
	p := r.Permissions
	var out []string
	if p.Trade == verify.Unknown {
		out = append(out, "trade")
	}
	if p.Withdraw == verify.Unknown {
		out = append(out, "withdraw")
	}
	readOnly := p.Trade == verify.No && p.Withdraw == verify.No
	if p.Transfer == verify.Unknown && !readOnly {
		out = append(out, "transfer")
	}
	if r.IPRestricted == verify.Unknown {
		out = append(out, "IP allow-list")
	}
	return out
}
