package verify

import (
	"regexp"
	"strings"
)

// ipRefusalText matches an error message that refuses the caller's IP
// address: "IP" followed by a refusal ("Request IP not in whitelist",
// "IP [x] not in the ip white list", "IP is forbidden", "Request IP
// mismatch", "IP_ILLEGAL") or preceded by one ("Invalid request ip",
// "Unmatched IP", "does not allow access from this IP", "not a verified
// IP"), within one clause: Binance's "Invalid API-key, IP, or permissions"
// lists the IP among other causes and does not count.
var ipRefusalText = regexp.MustCompile(`(?i)` +
	`\bip\b[^,;]{0,40}?\b(not|non|mismatch|forbidden|illegal|invalid|denied|restricted|prohibited|unauthori[sz]ed)\b` +
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

// verdictOther is the verdict for an error code the verifier does not
// list: IP-restricted when its message refuses the caller's IP, otherwise
// indeterminate with the exchange's words.
func verdictOther(detail, msg string) Result {
	if ipRefused(msg) {
		return verdictIPRestricted(detail)
	}
	return Result{Status: Indeterminate, Reason: detail}
}
