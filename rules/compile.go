package rules

import (
	"errors"
	"fmt"
	"github.com/keyhound/keyhound/internal/wordset"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"regexp/syntax"

	"github.com/keyhound/keyhound/internal/textsafe"
)

// maxRegexLen bounds the size of a user-supplied regular expression.
// Go's regexp engine runs in linear time, so a long pattern is the only
// way a rule can become pathologically slow; refuse it up front.
const maxRegexLen = 16 << 10

// maxExtendDepth bounds chains of [extend] path = "..." includes.
const maxExtendDepth = 4

// Set is a compiled, immutable collection of rules ready for matching.
// A Set is safe for concurrent use by multiple goroutines.
type Set struct {
	rules       []*rule
	byID        map[string]*rule
	credentials []*credential
	global      []*allowlist

	trie        *wordset.Set   // lower-cased keywords of every rule
	keywords    []string       // trie pattern index -> keyword
	kwIndex     map[string]int // keyword -> trie pattern index
	kwRules     [][]int        // keyword index -> rule indexes
	alwaysRules []int          // rules with no keywords: always run
	noWindows   bool           // tests: match whole contents
	memo        *regexMemo     // regex results by window content
	vocab       *vocab         // data rules: venues, part names, rules by venue
	dataRules   []int          // indexes of the data rules
}

type rule struct {
	Rule
	value        *regexp.Regexp // a data rule's value shape, anchored
	idx          int
	pack         string
	hasRe        bool
	reOnce       sync.Once
	re           *regexp.Regexp // use regex()
	path         *regexp.Regexp
	hasNearby    bool
	nearbyOnce   sync.Once
	nearby       *regexp.Regexp // use nearbyRegex()
	nearbyLines  int
	allow        []*allowlist
	placeholders bool
	validate     func(string) bool
	creds        []int    // indexes into Set.credentials
	spans        bool     // the regex can run across arbitrary text
	require      [][]byte // lower-cased requireKeywords
	prefilter    func([]byte) bool
	run          *runReq    // a run every match must hold, if known
	generic      bool       // the id says "generic": yields to specific rules
	start        lazyFilter // the regex's start filter; see anchor.go
	nearbyStart  lazyFilter // the nearby regex's
}

type credential struct {
	Credential
	parts []Part // distinct parts, in canonical order
}

// Compile validates and compiles packs into a Set. Packs are applied in
// order: a rule whose id repeats one from an earlier pack replaces it, and
// each pack's Extend.DisabledRules removes rules from the packs before
// it. A pack with Extend.UseDefault pulls in the default packs first;
// Extend.Path pulls in the named pack file first.
func Compile(packs ...*Pack) (*Set, error) {
	expanded, err := expand(packs, 0)
	if err != nil {
		return nil, err
	}
	s := &Set{byID: make(map[string]*rule), memo: newRegexMemo()}
	var order []string
	srcRule := make(map[string]Rule)
	srcPack := make(map[string]*Pack)
	credOrder := []string{}
	srcCred := make(map[string]Credential)
	credPack := make(map[string]*Pack)
	var globals []struct {
		a Allowlist
		p *Pack
	}
	for _, p := range expanded {
		for _, id := range p.Extend.DisabledRules {
			delete(srcRule, id)
		}
		for _, r := range p.Rules {
			if _, ok := srcRule[r.ID]; !ok {
				order = append(order, r.ID)
			}
			srcRule[r.ID] = r
			srcPack[r.ID] = p
		}
		for _, c := range p.Credentials {
			if _, ok := srcCred[c.ID]; !ok {
				credOrder = append(credOrder, c.ID)
			}
			srcCred[c.ID] = c
			credPack[c.ID] = p
		}
		for _, a := range p.Allowlists {
			globals = append(globals, struct {
				a Allowlist
				p *Pack
			}{a, p})
		}
	}
	for _, id := range order {
		r, ok := srcRule[id]
		if !ok {
			continue // disabled
		}
		if _, dup := s.byID[id]; dup {
			continue
		}
		cr, err := compileRule(r, srcPack[id])
		if err != nil {
			return nil, err
		}
		cr.idx = len(s.rules)
		s.rules = append(s.rules, cr)
		s.byID[id] = cr
	}
	for _, g := range globals {
		a, err := compileAllowlist(g.a)
		if err != nil {
			return nil, &Error{File: g.p.Name, Line: g.p.lineOfTable("allowlists", 0), Err: fmt.Errorf("allowlist: %w", err)}
		}
		s.global = append(s.global, a)
	}
	for _, id := range credOrder {
		c := srcCred[id]
		p := credPack[id]
		cc := &credential{Credential: c}
		has := map[Part]bool{}
		live := c.Rules[:0:0]
		for _, rid := range c.Rules {
			r, ok := s.byID[rid]
			if !ok {
				if _, wasDefined := srcRule[rid]; !wasDefined && !disabledAnywhere(expanded, rid) {
					return nil, &Error{File: p.Name, Line: p.lineOfID("credentials", id), Rule: id, Err: fmt.Errorf("names unknown rule %q", rid)}
				}
				continue // disabled by the user: the credential simply loses that rule
			}
			if r.Part == "" {
				return nil, &Error{File: p.Name, Line: p.lineOfID("credentials", id), Rule: id, Err: fmt.Errorf("rule %q has no part", rid)}
			}
			has[r.Part] = true
			live = append(live, rid)
		}
		cc.Rules = live
		for _, pt := range []Part{PartKey, PartPrivateKey, PartSecret, PartPassphrase} {
			if has[pt] {
				cc.parts = append(cc.parts, pt)
			}
		}
		if len(cc.parts) < 2 {
			continue // nothing left to pair
		}
		ci := len(s.credentials)
		s.credentials = append(s.credentials, cc)
		for _, rid := range live {
			r := s.byID[rid]
			r.creds = append(r.creds, ci)
		}
	}
	var venues []Venue
	for _, p := range expanded {
		venues = append(venues, p.Venues...)
	}
	for i, r := range s.rules {
		if r.value != nil {
			s.dataRules = append(s.dataRules, i)
		}
	}
	if len(s.dataRules) > 0 {
		s.vocab = buildVocab(venues, s.rules)
	}
	s.buildKeywords()
	return s, nil
}

func disabledAnywhere(packs []*Pack, id string) bool {
	for _, p := range packs {
		for _, d := range p.Extend.DisabledRules {
			if d == id {
				return true
			}
		}
	}
	return false
}

// expand resolves Extend.UseDefault and Extend.Path, returning the packs
// in application order.
func expand(packs []*Pack, depth int) ([]*Pack, error) {
	var out []*Pack
	usedDefault := false
	for _, p := range packs {
		if p == nil {
			return nil, errors.New("rules: nil pack")
		}
		if p.Extend.UseDefault && !usedDefault && !containsDefault(packs) {
			def, err := Default()
			if err != nil {
				return nil, err
			}
			out = append(def, out...)
			usedDefault = true
		}
		if p.Extend.Path != "" {
			if depth >= maxExtendDepth {
				return nil, &Error{File: p.Name, Line: p.lineOfKey([]string{"extend", "path"}), Err: errors.New("extend: too many nested extends")}
			}
			base, err := p.extendedAt()
			if err != nil {
				return nil, err
			}
			sub, err := expand([]*Pack{base}, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		}
		out = append(out, p)
	}
	return out, nil
}

// Extended reads the pack that p's [extend] path names (nil, nil when it
// names none): in p's fs.FS when p was read with ParseFS, else on the
// host's file system. Compile calls it; it is exported for tools that
// inspect a chain of packs.
func (p *Pack) Extended() (*Pack, error) {
	ext := p.Extend.Path
	if ext == "" {
		return nil, nil
	}
	if p.fsys != nil {
		name := path.Join(path.Dir(p.Name), ext)
		if path.IsAbs(ext) || strings.Contains(ext, "\\") || !fs.ValidPath(name) {
			return nil, fmt.Errorf("path %s is outside the repository: a repository's pack can extend only its own files", quoteShort(ext))
		}
		return ParseFS(p.fsys, name)
	}
	if !filepath.IsAbs(ext) && p.Name != "" {
		ext = filepath.Join(filepath.Dir(p.Name), ext)
	}
	return ParseFile(ext)
}

// extendedAt is Extended with errors located at p's [extend] path line.
func (p *Pack) extendedAt() (*Pack, error) {
	base, err := p.Extended()
	if err != nil {
		return nil, &Error{File: p.Name, Line: p.lineOfKey([]string{"extend", "path"}), Err: fmt.Errorf("extend: %w", err)}
	}
	return base, nil
}

// Chain returns p followed by the packs its [extend] path names, in that
// order (each extends the next), each read once. Errors name the file
// and line of the [extend] path that failed.
func (p *Pack) Chain() ([]*Pack, error) {
	chain := []*Pack{p}
	for cur := p; ; {
		next, err := cur.extendedAt()
		if err != nil || next == nil {
			return chain, err
		}
		if len(chain) > maxExtendDepth {
			return chain, &Error{File: cur.Name, Line: cur.lineOfKey([]string{"extend", "path"}), Err: errors.New("extend: too many nested extends")}
		}
		chain = append(chain, next)
		cur = next
	}
}

// quoteShort quotes a value that came from a pack, escaped and cut
// short: errors never echo more than a few dozen characters of it.
func quoteShort(s string) string { return `"` + textsafe.Excerpt(s, 64) + `"` }

// cutShort cuts a message that may quote a pack's text (a TOML parser's,
// a regex compiler's) to a couple of lines' worth, escaped.
func cutShort(s string) string { return textsafe.Excerpt(s, 200) }

func containsDefault(packs []*Pack) bool {
	for _, p := range packs {
		if strings.HasPrefix(p.Name, defaultPrefix) {
			return true
		}
	}
	return false
}

func compileRule(r Rule, p *Pack) (*rule, error) {
	line := p.ruleLine(r.ID)
	fail := func(format string, args ...any) error {
		return &Error{File: p.Name, Line: line, Rule: r.ID, Err: fmt.Errorf(format, args...)}
	}
	cr := &rule{Rule: r, pack: p.Name, generic: strings.Contains(strings.ToLower(r.ID), "generic")}
	if r.Regex != "" {
		if len(r.Regex) > maxRegexLen {
			return nil, fail("regex is %d bytes, over the %d-byte limit", len(r.Regex), maxRegexLen)
		}
		// Parse now (it validates, with the error tied to the rule's
		// line); compile on first use, so a run that needs few rules (a
		// pre-commit hook) does not pay for all of them.
		re, err := syntax.Parse(r.Regex, syntax.Perl)
		if err != nil {
			return nil, fail("bad regex: %v", err)
		}
		cr.hasRe = true
		cr.spans = spansText(re)
		if r.SecretGroup > 0 || re.MaxCap() == 0 {
			cr.run = secretRun(re, r.SecretGroup)
		} else {
			cr.run = anyGroupRun(re) // the first non-empty group is the secret
		}
		// A run the whole match needs (a UUID key in a positional call)
		// filters as well as one the secret needs; keep the rarer: 64 hex
		// digits beat 71 bytes of identifier characters and punctuation.
		if w := wholeRun(re); w != nil && (cr.run == nil || w.rarity() > cr.run.rarity()) {
			cr.run = w
		}
		if r.SecretGroup < 0 || r.SecretGroup > re.MaxCap() {
			return nil, fail("secretGroup %d, but the regex has %d groups", r.SecretGroup, re.MaxCap())
		}
	} else if r.SecretGroup != 0 {
		return nil, fail("secretGroup without a regex")
	}
	if r.Value != "" && len(r.Tags) == 0 {
		// A data rule's tags follow from what it is.
		if r.Exchange != "" {
			cr.Tags = []string{"crypto-exchange", r.Exchange, string(r.Part)}
		} else {
			cr.Tags = []string{"wallet", string(r.Part)}
		}
	}
	if r.Value != "" {
		if len(r.Value) > maxRegexLen {
			return nil, fail("value is %d bytes, over the %d-byte limit", len(r.Value), maxRegexLen)
		}
		var err error
		if cr.value, err = anchored(r.Value); err != nil {
			return nil, fail("bad value: %v", err)
		}
	}
	if r.Path != "" {
		var err error
		if cr.path, err = regexp.Compile(r.Path); err != nil {
			return nil, fail("bad path regex: %v", err)
		}
	}
	if r.Nearby != nil {
		if len(r.Nearby.Regex) > maxRegexLen {
			return nil, fail("nearby regex is over the %d-byte limit", maxRegexLen)
		}
		if _, err := syntax.Parse(r.Nearby.Regex, syntax.Perl); err != nil {
			return nil, fail("bad nearby regex: %v", err)
		}
		cr.hasNearby = true
		cr.nearbyLines = r.Nearby.WithinLines
		if cr.nearbyLines < 0 {
			return nil, fail("nearby.withinLines must not be negative")
		}
	}
	for i, a := range r.Allowlists {
		ca, err := compileAllowlist(a)
		if err != nil {
			return nil, fail("allowlist %d: %v", i+1, err)
		}
		cr.allow = append(cr.allow, ca)
	}
	if len(r.Required) > 0 {
		for _, q := range r.Required {
			if q.ID == "" {
				return nil, fail("required entry without an id")
			}
		}
	}
	if r.Placeholders != nil {
		cr.placeholders = *r.Placeholders
	} else {
		cr.placeholders = r.Part != ""
	}
	if r.Validate != "" {
		cr.validate = validators[r.Validate]
		cr.prefilter = prefilters[r.Validate]
	}
	for _, k := range r.RequireKeywords {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
			cr.require = append(cr.require, []byte(k))
		}
	}
	return cr, nil
}

func (s *Set) buildKeywords() {
	idx := map[string]int{}
	kwRules := [][]int{}
	for _, r := range s.rules {
		kws := r.Keywords
		if len(kws) == 0 && r.value != nil {
			kws = s.dataKeywords(r)
		}
		if len(kws) == 0 {
			s.alwaysRules = append(s.alwaysRules, r.idx)
			continue
		}
		for _, kw := range kws {
			kw = strings.ToLower(kw)
			if kw == "" {
				continue
			}
			i, ok := idx[kw]
			if !ok {
				i = len(s.keywords)
				idx[kw] = i
				s.keywords = append(s.keywords, kw)
				kwRules = append(kwRules, nil)
			}
			kwRules[i] = append(kwRules[i], r.idx)
		}
	}
	s.kwRules = kwRules
	s.kwIndex = idx
	if len(s.keywords) > 0 {
		s.trie = wordset.New(s.keywords)
	}
}

// dataKeywords are the words without which a content cannot hold a data
// rule's value under a name: the venue's names and the words part names
// are made of.
func (s *Set) dataKeywords(r *rule) []string {
	kws := []string{"key", "secret", "pass", "pwd", "memo", "token", "private", "client", "credential", "auth", r.Exchange}
	kws = append(kws, r.Names...)
	if v := s.vocab.byID[r.Exchange]; v != nil {
		kws = append(kws, v.Names...)
		kws = append(kws, v.Hosts...) // their positions are the mentions a value's venue is found from
	}
	return kws
}

// Rules returns the source of every active rule, in matching order.
func (s *Set) Rules() []Rule {
	out := make([]Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.Rule
	}
	return out
}

// Credentials returns the active credential pairing specs.
func (s *Set) Credentials() []Credential {
	out := make([]Credential, len(s.credentials))
	for i, c := range s.credentials {
		out[i] = c.Credential
	}
	return out
}

// Rule returns the rule with the given id.
func (s *Set) Rule(id string) (Rule, bool) {
	r, ok := s.byID[id]
	if !ok {
		return Rule{}, false
	}
	return r.Rule, true
}

// Exchanges returns the sorted, distinct exchange names the rules cover.
func (s *Set) Exchanges() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range s.rules {
		if r.Exchange != "" && !seen[r.Exchange] {
			seen[r.Exchange] = true
			out = append(out, r.Exchange)
		}
	}
	sort.Strings(out)
	return out
}

// Keywords returns the distinct lower-case prefilter keywords.
func (s *Set) Keywords() []string { return append([]string(nil), s.keywords...) }

// Len returns the number of active rules.
func (s *Set) Len() int { return len(s.rules) }

// spansText reports whether a regex can match an unbounded run of text
// that crosses lines with almost any byte in it: an unbounded repetition
// of "any character" including newline, or of a class that holds newline
// and most of ASCII ([\s\S], [^x]). Such rules (PEM blocks) need wide
// matching windows; \s* alone does not count.
func spansText(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		if re.Op != syntax.OpRepeat || re.Max < 0 || re.Max > 256 {
			if broad(re.Sub[0]) {
				return true
			}
		}
	}
	for _, sub := range re.Sub {
		if spansText(sub) {
			return true
		}
	}
	return false
}

// broad reports whether re matches newline and at least 64 ASCII bytes.
func broad(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpAnyChar:
		return true
	case syntax.OpCharClass:
		n, nl := 0, false
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo <= '\n' && '\n' <= hi {
				nl = true
			}
			if lo < 128 {
				n += int(minInt(int(hi), 127) - int(lo) + 1)
			}
		}
		return nl && n >= 64
	case syntax.OpAlternate, syntax.OpConcat, syntax.OpCapture:
		for _, sub := range re.Sub {
			if broad(sub) {
				return true
			}
		}
	}
	return false
}

// regex returns the rule's compiled regex, compiling it on first use. The
// source was validated by Compile.
func (r *rule) regex() *regexp.Regexp {
	r.reOnce.Do(func() { r.re = regexp.MustCompile(r.Regex) })
	return r.re
}

// nearbyRegex returns the compiled nearby regex (nil without one).
func (r *rule) nearbyRegex() *regexp.Regexp {
	if !r.hasNearby {
		return nil
	}
	r.nearbyOnce.Do(func() { r.nearby = regexp.MustCompile(r.Nearby.Regex) })
	return r.nearby
}
