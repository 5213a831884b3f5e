package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/keyhound/keyhound/internal/textsafe"
	"github.com/keyhound/keyhound/rules"
	"github.com/keyhound/keyhound/verify"
)

// SARIF output, for GitHub code scanning and other SARIF 2.1.0 consumers.
//
// Design decisions (GitHub's SARIF subset and limits shape most of them):
//
//   - One result per finding. A finding is one credential deduplicated by
//     content, and its fingerprint (partialFingerprints["keyhound/v1"]) is
//     the alert's identity: GitHub keeps one alert per fingerprint, so
//     results per location would collapse into one anyway, and keying on
//     content means an alert survives the file being moved or edited.
//     The primary location is the first place the credential was found
//     (for a history finding still in HEAD: the newest one, the likeliest
//     to exist in the analysed commit); every other occurrence is a
//     relatedLocation (at most [maxRelated]; GitHub shows 100 and rejects
//     more than 1,000 locations per result), and the first few are linked
//     from the message.
//   - No secret values at all, not even redacted ones and not even when
//     the report is unredacted: GitHub stores SARIF for the life of the
//     alert and shows it to everyone with security read access. The
//     message names the exchange and the parts found; the location shows
//     the line, and the fingerprint ties the alert to the JSON report.
//   - level is "error" for a complete credential and "warning" for an
//     incomplete one. security-severity is per rule in GitHub, not per
//     result: "9.0" (critical) for exchange credentials and private keys,
//     which move funds; "7.0" (high) for other standalone secrets (for
//     example gitleaks' generic rules).
//   - artifactLocation.uri is the scan path, relative to the scanned
//     directory or repository root, percent-encoded (spaces, non-ASCII,
//     ':', '%', '?', '#'). A blob no commit reaches has no path: it is
//     given the relative URI of the loose object, ".git/objects/ab/cdef…",
//     a valid URI reference that GitHub accepts (it just cannot show a
//     snippet), with the blob id in the location's properties.
//   - Commits, authors and dates of history findings go in location and
//     result properties; e-mail addresses are left out.
//   - Message texts are SARIF plain text, where "[text](id)" is a link
//     (GitHub renders it): repository text in them (paths, rule ids,
//     errors) has '\', '[' and ']' backslash-escaped, so a file name can
//     neither add a link nor break one, and control and bidi characters
//     escaped visibly ([textsafe.Escape]). artifactLocation.uri keeps the
//     exact path, percent-encoded.

// SARIFSchema is the $schema URI written into SARIF logs.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// SARIFFingerprintKey is the partialFingerprints key carrying a finding's
// fingerprint. Its "/v1" suffix versions the fingerprint algorithm.
const SARIFFingerprintKey = "keyhound/v1"

// Security-severity values (GitHub: 9.0 and up is critical, 7.0–8.9 high).
const (
	// SeverityCritical is the security-severity of exchange credentials
	// and private keys: anyone holding them can trade or move funds.
	SeverityCritical = "9.0"
	// SeverityHigh is the security-severity of other standalone secrets.
	SeverityHigh = "7.0"
)

const (
	informationURI = "https://github.com/keyhound/keyhound"
	maxRelated     = 100 // GitHub displays at most 100 locations per result
	maxLinks       = 5   // related locations linked from the message
	maxTags        = 10  // GitHub keeps at most 10 tags per rule
)

// RuleInfo describes one rule id that a finding's rule_id can carry: an
// exchange credential id (parts that pair) or a standalone rule id.
type RuleInfo struct {
	// ID is the rule_id of findings: the SARIF rule id.
	ID string
	// Name is an identifier-like name ("BinanceCredential"); derived
	// from ID when empty.
	Name string
	// Description is a one-line description ("Binance API key + secret").
	Description string
	// Exchange is the venue, or "" for secrets not tied to one.
	Exchange string
	// Verify names the verifier of the credential, when there is one: its
	// remediation (verify.RemediationFor) goes into the rule's help.
	Verify string
	// Tags are extra SARIF tags; "security", "secret" and the exchange
	// are always added.
	Tags []string
	// SecuritySeverity is GitHub's security-severity score, a decimal
	// string; "" means [SeverityCritical].
	SecuritySeverity string
}

// RuleInfos lists the rule ids that findings of set can carry: every
// active credential id (complete and incomplete findings of paired rules
// carry it), then every rule that belongs to no credential and reports on
// its own. Order and ids are stable for a given set.
func RuleInfos(set *rules.Set) []RuleInfo {
	if set == nil {
		return nil
	}
	var out []RuleInfo
	seen := map[string]bool{}
	inCred := map[string]bool{}
	for _, c := range set.Credentials() {
		var parts, tags []string
		for _, id := range c.Rules {
			inCred[id] = true
			r, ok := set.Rule(id)
			if !ok {
				continue
			}
			if r.Part != "" && !contains(parts, string(r.Part)) {
				parts = append(parts, string(r.Part))
			}
			for _, t := range r.Tags {
				if !isPartName(t) {
					tags = append(tags, t)
				}
			}
		}
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		desc := c.Description
		if desc == "" {
			desc = strings.TrimSpace(displayExchange(c.Exchange) + " API " + strings.Join(parts, " + "))
		}
		out = append(out, RuleInfo{
			ID:               c.ID,
			Name:             camel(c.ID) + "Credential",
			Description:      desc,
			Exchange:         c.Exchange,
			Verify:           c.Verify,
			Tags:             tags,
			SecuritySeverity: SeverityCritical,
		})
	}
	for _, r := range set.Rules() {
		if inCred[r.ID] || seen[r.ID] || r.SkipReport {
			continue
		}
		seen[r.ID] = true
		sev := SeverityHigh
		if r.Exchange != "" || r.Part != "" {
			sev = SeverityCritical
		}
		var tags []string
		for _, t := range r.Tags {
			if !isPartName(t) {
				tags = append(tags, t)
			}
		}
		desc := r.Description
		if desc == "" {
			desc = r.ID
		}
		out = append(out, RuleInfo{
			ID:               r.ID,
			Name:             camel(r.ID),
			Description:      desc,
			Exchange:         r.Exchange,
			Tags:             tags,
			SecuritySeverity: sev,
		})
	}
	return out
}

// WriteSARIF writes r as a SARIF 2.1.0 log with one run, for GitHub code
// scanning. infos describe the rules (see [RuleInfos]); a finding whose
// rule_id is not among them gets a rule made from the finding. Secret
// values are never written, whatever r.Redacted says.
func WriteSARIF(w io.Writer, r *Report, infos []RuleInfo) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	sanitize(r)
	driver := sarifDriver{
		Name:           "keyhound",
		InformationURI: informationURI,
		Rules:          []sarifRule{},
	}
	if r.Version != "" {
		driver.Version = r.Version
		if v := strings.TrimPrefix(r.Version, "v"); semverRE.MatchString(v) {
			driver.SemanticVersion = v
		}
	}
	// Rule ids are compared as they will be encoded: JSON turns invalid
	// UTF-8 into U+FFFD, and the schema wants the rules array unique.
	valid := func(t string) string { return strings.ToValidUTF8(t, "\uFFFD") }
	index := map[string]int{}
	addRule := func(ri RuleInfo) {
		ri.ID = valid(ri.ID)
		if ri.ID == "" {
			return
		}
		if _, dup := index[ri.ID]; dup {
			return
		}
		index[ri.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRuleFor(ri))
	}
	for _, ri := range infos {
		addRule(ri)
	}
	results := make([]sarifResult, 0, len(r.Findings))
	for _, f := range r.Findings {
		id := valid(f.RuleID)
		if id == "" {
			id = "unknown"
		}
		if _, ok := index[id]; !ok {
			addRule(RuleInfo{ID: id, Exchange: f.Exchange})
		}
		results = append(results, sarifResultFor(f, id, index[id]))
	}
	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(r.Errors) == 0}},
		Results:     results,
		Properties:  &sarifRunProps{Mode: r.Mode, Redacted: r.Redacted, EndpointOverrides: r.EndpointOverrides},
	}
	if n := OverrideNotice(r.EndpointOverrides); n != "" {
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{Level: "warning",
			Message: sarifMessage{Text: "Warning: " + linkEscape(n) + ". Credentials found were sent there to be verified, and results are only as trustworthy as those hosts."}})
	}
	for _, e := range r.Errors {
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications,
			sarifNotification{Level: "warning", Message: sarifMessage{Text: plainText(e)}})
	}
	log := sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$`)

func sarifRuleFor(ri RuleInfo) sarifRule {
	name := ri.Name
	if name == "" {
		name = camel(ri.ID)
	}
	desc := ri.Description
	if desc == "" {
		desc = ri.ID
	}
	sev := ri.SecuritySeverity
	if sev == "" {
		sev = SeverityCritical
	}
	// Tags must be unique as written: JSON turns every invalid UTF-8
	// sequence into U+FFFD, so compare the strings as they will be encoded.
	valid := func(t string) string { return strings.ToValidUTF8(t, "\uFFFD") }
	tags := []string{"security", "secret"}
	if ex := valid(ri.Exchange); ex != "" && !contains(tags, ex) {
		tags = append(tags, ex)
	}
	if ri.Exchange != "" && !contains(tags, "crypto-exchange") {
		tags = append(tags, "crypto-exchange")
	}
	for _, t := range ri.Tags {
		if len(tags) == maxTags {
			break
		}
		if t = valid(t); t != "" && !contains(tags, t) {
			tags = append(tags, t)
		}
	}
	full := fmt.Sprintf("keyhound found a leaked %s (rule %s) in the repository. "+
		"Anyone who can read the repository, its history, forks or clones can use it.", desc, ri.ID)
	text, md := helpFor(ri, desc, full)
	return sarifRule{
		ID:                   ri.ID,
		Name:                 name,
		ShortDescription:     sarifText{Text: desc},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifHelp{Text: text, Markdown: md},
		DefaultConfiguration: &sarifConfig{Level: "error"},
		Properties:           sarifRuleProps{Tags: tags, SecuritySeverity: sev, Exchange: ri.Exchange},
	}
}

// helpFor writes a rule's help, in plain text and Markdown, from one list
// of steps: what to do about a leaked exchange key, or about another
// secret. Backquotes mark code in the Markdown and are dropped from the
// text.
func helpFor(ri RuleInfo, desc, full string) (text, md string) {
	type step struct{ head, rest string }
	var steps []step
	if ri.Exchange != "" {
		ex := displayExchange(ri.Exchange)
		where := "in the exchange's API management page."
		if rem, ok := verify.RemediationFor(ri.Verify); ok {
			where = fmt.Sprintf("in its API management page, %s (%s); how to revoke and re-issue: %s.", rem.ManageURL, rem.Navigate, rem.DocsURL)
			if rem.Note != "" {
				where += " " + rem.Note
			}
		}
		steps = []step{
			{"Revoke the key at " + ex + " now", where + " Deleting it from the code does not make it safe: it stays in git history, forks, clones and CI caches."},
			{"Check its permissions", "(trading, withdrawals, transfers, IP allow-list) and review the account's recent API activity, orders and withdrawals for misuse."},
			{"Issue a new key", "with the least permissions it needs (no withdrawals, an IP allow-list), kept in a secret store or CI secret, not in the repository."},
		}
	} else {
		steps = []step{
			{"Revoke or rotate the secret now", "where it was issued. A wallet private key or seed phrase cannot be revoked: move the funds to a new wallet. Deleting it from the code does not make it safe: it stays in git history, forks, clones and CI caches."},
			{"Check its permissions", "and what it gave access to, and review recent activity (API calls, transactions) for misuse."},
			{"Replace it", "with a new secret kept in a secret store or CI secret, not in the repository."},
		}
	}
	steps = append(steps,
		step{"Purge history", "once the old value is revoked: rewrite it with `git filter-repo`, force-push, and have clones and forks re-cloned."},
		step{"Not a real credential?", "Add the alert's fingerprint to `.keyhoundignore`."},
	)
	var tb, mb strings.Builder
	tb.WriteString(full + "\n\nWhat to do:\n")
	fmt.Fprintf(&mb, "**Leaked %s** (`%s`)\n\nAnyone who can read the repository, its history, forks or clones can use it.\n\n### What to do\n\n", mdEscape(desc), ri.ID)
	for i, st := range steps {
		fmt.Fprintf(&tb, "%d. %s %s\n", i+1, st.head, strings.ReplaceAll(st.rest, "`", ""))
		fmt.Fprintf(&mb, "%d. **%s** %s\n", i+1, mdEscape(st.head), st.rest)
	}
	return tb.String(), mb.String()
}

func sarifResultFor(f Finding, ruleID string, ruleIndex int) sarifResult {
	primary := primaryLocation(f)
	res := sarifResult{
		RuleID:    ruleID,
		RuleIndex: ruleIndex,
		Level:     "warning",
		Locations: []sarifLocation{},
		PartialFingerprints: map[string]string{
			SARIFFingerprintKey: fingerprintOf(f, ruleID),
		},
		Properties: sarifResultProps{
			Exchange:    f.Exchange,
			Complete:    f.Complete,
			InHead:      f.InHead,
			Parts:       partNames(f),
			Occurrences: f.locationsTotal(),
			TestFixture: f.TestFixture,
		},
	}
	if f.Verification != nil {
		// A typed nil in the interface would be written as null.
		res.Properties.Verification = f.Verification
	}
	if f.Policy != nil {
		res.Properties.Policy = f.Policy
	}
	if f.Remediation != nil {
		res.Properties.Remediation = f.Remediation
	}
	if f.Complete {
		res.Level = "error"
	}
	var related []sarifLocation
	if primary >= 0 {
		l := f.Locations[primary]
		res.Locations = append(res.Locations, locationFor(l, 0, ""))
		res.Properties.Commit = l.Commit
		res.Properties.Blob = l.Blob
	}
	for i, l := range f.Locations {
		if i == primary {
			continue
		}
		if len(related) == maxRelated {
			break
		}
		related = append(related, locationFor(l, len(related)+1, describeLocation(l)))
	}
	res.RelatedLocations = related
	res.Message = sarifMessage{Text: messageFor(f, primary, related)}
	return res
}

// primaryLocation picks the location GitHub shows: the first one with a
// path, except for a history finding still in HEAD, where the newest one
// (locations are oldest first) is the likeliest to exist in the analysed
// commit. Unreachable blobs come last; -1 when there are no locations.
func primaryLocation(f Finding) int {
	if len(f.Locations) == 0 {
		return -1
	}
	first, last := -1, -1
	history := false
	for i, l := range f.Locations {
		if l.Commit != "" {
			history = true
		}
		if l.Path != "" {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	switch {
	case first < 0:
		return 0
	case history && f.InHead:
		return last
	default:
		return first
	}
}

func locationFor(l Location, id int, msg string) sarifLocation {
	loc := sarifLocation{
		PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: artifactURI(l)},
			Region:           sarifRegion{StartLine: max(l.Line, 1)},
		},
	}
	if id > 0 {
		loc.ID = &id
	}
	if msg != "" {
		loc.Message = &sarifMessage{Text: msg}
	}
	if l.Commit != "" || l.Blob != "" || l.Author != "" || l.Date != nil || l.Path == "" {
		p := &sarifLocationProps{Commit: l.Commit, Blob: l.Blob, Author: l.Author}
		if l.Date != nil {
			p.Date = l.Date.UTC().Format(time.RFC3339)
		}
		p.Unreachable = l.Path == "" && l.Blob != ""
		loc.Properties = p
	}
	return loc
}

// artifactURI is the location's path as a relative URI reference, or, for
// an unreachable blob, the path of its loose object under .git.
func artifactURI(l Location) string {
	if l.Path == "" {
		b := strings.ToLower(l.Blob)
		if len(b) > 2 && isHex(b) {
			return ".git/objects/" + b[:2] + "/" + b[2:]
		}
		if b == "" {
			return "unknown"
		}
		return ".git/objects/" + escapePath(b)
	}
	return pathURI(l.Path)
}

// pathURI percent-encodes a slash-separated path into a URI reference:
// relative paths stay relative (to the scanned root), absolute ones
// become file:// URIs.
func pathURI(p string) string {
	p = strings.TrimPrefix(p, "./")
	if len(p) >= 3 && isLetter(p[0]) && p[1] == ':' && (p[2] == '/' || p[2] == '\\') {
		return "file:///" + p[:2] + escapePath(strings.ReplaceAll(p[2:], `\`, "/"))
	}
	if strings.HasPrefix(p, "/") {
		return "file://" + escapePath(p)
	}
	return escapePath(p)
}

// escapePath keeps RFC 3986 unreserved characters, '/', and the
// sub-delimiters and '@' allowed in a path, and percent-encodes every
// other byte, ':' included (a colon in a first segment reads as a scheme).
func escapePath(p string) string {
	const keep = "-._~/!$&'()*+,;=@"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if isLetter(c) || ('0' <= c && c <= '9') || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	return b.String()
}

// describeLocation is a related location's message, in SARIF plain text
// (and so also usable as link text).
func describeLocation(l Location) string {
	var b strings.Builder
	if l.Repository != "" {
		b.WriteString(plainText(l.Repository) + ": ")
	}
	if l.Path != "" {
		b.WriteString(plainText(l.Path))
	} else {
		b.WriteString("unreachable git blob " + plainText(short(l.Blob)))
	}
	if l.Line > 0 {
		b.WriteString(":" + strconv.Itoa(l.Line))
	}
	if l.Commit != "" {
		b.WriteString(" in commit " + plainText(short(l.Commit)))
		if l.Date != nil {
			b.WriteString(" (" + l.Date.UTC().Format("2006-01-02") + ")")
		}
	}
	return b.String()
}

// messageFor names the exchange and the parts found, never their values.
func messageFor(f Finding, primary int, related []sarifLocation) string {
	var b strings.Builder
	subject := "secret (" + plainText(f.RuleID) + ")"
	if f.Exchange != "" {
		subject = plainText(displayExchange(f.Exchange)) + " API credential"
	}
	parts := strings.Join(partNames(f), " + ")
	if parts == "" {
		parts = "value"
	}
	switch {
	case f.Complete && len(f.Parts) > 1:
		fmt.Fprintf(&b, "Leaked %s: %s found together (complete credential).", subject, parts)
	case f.Complete:
		fmt.Fprintf(&b, "Leaked %s: %s found.", subject, parts)
	default:
		fmt.Fprintf(&b, "Leaked %s, incomplete: only %s found; the other parts may be stored elsewhere.", subject, parts)
	}
	if primary >= 0 {
		l := f.Locations[primary]
		switch {
		case l.Path == "" && l.Blob != "":
			b.WriteString(" It is in an unreachable git object (" + plainText(short(l.Blob)) + "), not in any commit's tree.")
		case l.Commit != "":
			b.WriteString(" Added to " + plainText(l.Path) + " in commit " + plainText(short(l.Commit)) + ".")
		}
	}
	if v := f.Verification; v != nil {
		fmt.Fprintf(&b, " Verified against the exchange: %s, risk %s.", v.Status, v.Risk)
	}
	if p := f.Policy; p != nil && len(p.Violations) > 0 {
		var vs []string
		for _, x := range p.Violations {
			vs = append(vs, string(x.Level)+" "+plainText(string(x.Rule)))
		}
		fmt.Fprintf(&b, " Policy: %s.", strings.Join(vs, ", "))
	}
	if r := f.Remediation; r != nil {
		fmt.Fprintf(&b, " Revoke it at %s.", r.ManageURL)
	}
	hasCommit := false
	for _, l := range f.Locations {
		hasCommit = hasCommit || l.Commit != ""
	}
	if hasCommit {
		if f.InHead {
			b.WriteString(" It is still in HEAD.")
		} else {
			b.WriteString(" It is no longer in HEAD but remains in git history.")
		}
	}
	if len(related) > 0 {
		fmt.Fprintf(&b, " Also found in %d other location", f.locationsTotal()-1)
		if f.locationsTotal() > 2 {
			b.WriteString("s")
		}
		b.WriteString(": ")
		for i, rl := range related {
			if i == maxLinks {
				b.WriteString(", …")
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "[%s](%d)", rl.Message.Text, *rl.ID) // plain text already
		}
		b.WriteString(".")
	}
	if f.Exchange != "" {
		b.WriteString(" Revoke it at " + plainText(displayExchange(f.Exchange)) + ", check its permissions and account activity, then purge it from history.")
	} else {
		b.WriteString(" Revoke or rotate it (for a wallet key, move the funds), then purge it from history.")
	}
	return b.String()
}

func partNames(f Finding) []string {
	out := []string{}
	for _, p := range f.Parts {
		if p.Part != "" && !contains(out, p.Part) {
			out = append(out, p.Part)
		}
	}
	return out
}

// fingerprintOf is the finding's fingerprint, or, for a report made
// without one, a hash of its rule id and parts (never the bare values).
func fingerprintOf(f Finding, ruleID string) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	h := sha256.New()
	h.Write([]byte("keyhound/sarif\x00" + ruleID))
	for _, p := range f.Parts {
		h.Write([]byte("\x00" + p.Part + "\x00" + p.Value))
	}
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// plainText makes untrusted text safe inside a SARIF plain-text message:
// control and bidi characters escaped visibly, then '\', '[' and ']'
// backslash-escaped (SARIF §3.11.5) so that it reads as it is and can be
// link text.
func plainText(s string) string { return linkEscape(textsafe.Escape(s)) }

// linkEscape escapes text for the link text of a SARIF message.
func linkEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`)
	return r.Replace(s)
}

// mdEscape escapes the Markdown characters that could restyle a
// description.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)
	return r.Replace(s)
}

// displayExchange is the exchange id as written in messages.
func displayExchange(ex string) string {
	if ex == "" {
		return ""
	}
	return strings.ToUpper(ex[:1]) + ex[1:]
}

// camel turns "binance-us" into "BinanceUs".
func camel(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		switch {
		case r == '-' || r == '_' || r == '.' || r == ' ' || r == '/':
			up = true
		case up:
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Secret"
	}
	return b.String()
}

func isPartName(t string) bool {
	switch rules.Part(t) {
	case rules.PartKey, rules.PartSecret, rules.PartPassphrase, rules.PartPrivateKey:
		return true
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9') && !('a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
