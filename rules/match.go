package rules

import (
	"bytes"
	"math"
	"sort"
	"strings"

	"github.com/keyhound/keyhound/syntax"
)

// Match is one rule match in a fragment of text.
type Match struct {
	RuleID   string
	Exchange string
	Part     Part
	// Secret is the matched value (the rule's secretGroup).
	Secret string
	// Start and End are the byte offsets of Secret in the fragment.
	Start, End int
	// Line and Column locate Start: 1-based line, 1-based byte column.
	Line, Column int
	// EndLine is the line of the last byte of Secret (multi-line keys).
	EndLine int
	// Context is the text of the line(s) holding the match, cut to at
	// most maxContext bytes around it. It is for allowlists that target
	// the line; reports must redact it.
	Context string
	// Match is the whole regex match (for a data rule, the text from the
	// value's name to its end).
	Match string
	// Decoded says Secret was decoded from the text at Start..End (base64,
	// escapes): the text there is its encoding, not the secret itself.
	Decoded bool
	// NeedsPath says the venue was inferred from the value's shape alone,
	// with no venue named around it: the match holds only where the
	// file's path names the venue (Keep checks it).
	NeedsPath bool
}

const maxContext = 2048

// Context must also be close in bytes: nearbyBase plus nearbyPerLine for
// each line of a rule's nearby.withinLines (config and code lines run
// 50-120 bytes; a minified line of megabytes must not count as "the same
// line").
const (
	nearbyBase    = 256
	nearbyPerLine = 160
)

// Find returns the matches of every rule in data, in order of position.
// path is the file's path ("" when unknown, as for a blob reached before
// its paths are known); rules restricted to other paths are skipped only
// when path is known. Checks that depend on a location (rule paths,
// allowlists on paths or commits) are applied by [Set.Keep]: call it for
// every location a match is reported at.
func (s *Set) Find(data []byte, path string) []Match { return s.find(data, path, nil) }

// find is Find, counting work in work when it is not nil.
func (s *Set) find(data []byte, path string, work *workCount) []Match {
	kw := s.keywordHits(data)
	if kw == nil {
		if s.vocab != nil && syntax.KeyFile(data) {
			// A key file (two bare lines) holds no keyword: its path says
			// whose it is.
			return s.dataMatches(newContent(data, work), path, nil)
		}
		return nil
	}
	var (
		out  []Match
		wins []window
	)
	c := newContent(data, work)
	getLines := c.lines
	hasData := false
	for _, ri := range kw.rules {
		r := s.rules[ri]
		if r.value != nil {
			hasData = true
			continue // one pass for every data rule, below
		}
		if !r.hasRe {
			continue // path-only rule: see PathMatches
		}
		if path != "" && r.path != nil && !r.path.MatchString(path) {
			continue
		}
		wins = s.windows(r, kw, data, getLines, wins[:0])
		if len(r.require) > 0 && !s.noWindows {
			wins = r.narrow(data, wins)
		}
		hasRun := false // every window already holds the value's run
		if r.run != nil && !r.spans && !s.noWindows {
			wins = r.aroundRuns(data, wins, getLines())
			hasRun = true
		}
		for _, w := range wins {
			if !s.noWindows && !r.worth(data[w.lo:w.hi], hasRun) {
				continue
			}
			for _, loc := range s.findAll(r, data, w.lo, w.hi) {
				if m, ok := s.check(r, c, loc); ok {
					out = append(out, m)
				}
			}
		}
	}
	if hasData {
		out = append(out, s.dataMatches(c, path, kw)...)
	}
	out = s.applyRequired(out, work)
	out = s.preferSpecific(out, work)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return s.byID[out[i].RuleID].idx < s.byID[out[j].RuleID].idx
	})
	return out
}

// Matching windows. A rule's regex runs only around occurrences of its
// keywords: on the keyword's line and the lines next to it, widened by the
// lines its nearby context may span; a regex that can run across
// arbitrary text ([\s\S]*, (?s).*: PEM blocks) gets spanBytes either side
// instead. A window never reaches more than lineBytes past the keyword on
// a long (minified) line. A keyword that occurs more than maxKeywordHits
// times makes its rules run over the whole content, as does a rule without
// keywords; so does a content small enough to be one window anyway.
const (
	lineBytes      = 8 << 10
	spanBytes      = 64 << 10
	maxKeywordHits = 1 << 14
)

type window struct{ lo, hi int }

// kwHits records where each keyword occurs in one content.
type kwHits struct {
	rules []int   // candidate rules, in rule order
	pos   [][]int // keyword -> start offsets (nil when dense or absent)
	dense []bool  // keyword occurs more than maxKeywordHits times
}

// keywordHits finds the candidate rules (keyword present, or no
// keywords) and where their keywords occur. It returns nil when no rule
// applies.
func (s *Set) keywordHits(data []byte) *kwHits {
	if len(data) == 0 {
		return nil
	}
	hit := make([]bool, len(s.rules))
	n := 0
	for _, ri := range s.alwaysRules {
		hit[ri] = true
		n++
	}
	kw := &kwHits{}
	if s.trie != nil {
		kw.pos = make([][]int, len(s.keywords))
		kw.dense = make([]bool, len(s.keywords))
		s.trie.Each(data, func(k, start int) bool {
			if kw.pos[k] == nil && !kw.dense[k] {
				for _, ri := range s.kwRules[k] {
					if !hit[ri] {
						hit[ri] = true
						n++
					}
				}
			}
			if !kw.dense[k] {
				if len(kw.pos[k]) >= maxKeywordHits {
					kw.dense[k] = true
					kw.pos[k] = nil
				} else {
					kw.pos[k] = append(kw.pos[k], start)
				}
			}
			return true
		})
	}
	if n == 0 {
		return nil
	}
	kw.rules = make([]int, 0, n)
	for i, h := range hit {
		if h {
			kw.rules = append(kw.rules, i)
		}
	}
	return kw
}

// windows returns the merged regions of data in which rule r must run.
func (s *Set) windows(r *rule, kw *kwHits, data []byte, lines func() *lineIndex, buf []window) []window {
	whole := append(buf, window{0, len(data)})
	if s.noWindows || len(r.Keywords) == 0 || len(data) <= 4<<10 || kw.pos == nil {
		return whole
	}
	var starts []int
	for _, k := range r.Keywords {
		i, ok := s.kwIndex[strings.ToLower(k)]
		if !ok {
			continue
		}
		if kw.dense[i] {
			return whole
		}
		starts = append(starts, kw.pos[i]...)
	}
	if len(starts) == 0 {
		return whole
	}
	sort.Ints(starts)
	out := buf
	li := lines()
	for _, p := range starts {
		var lo, hi int
		if r.spans {
			lo, hi = p-spanBytes, p+spanBytes
		} else {
			l := li.line(p)
			lo = maxInt(li.lineStart(l-r.nearbyLines-1), p-lineBytes*(r.nearbyLines+1))
			hi = minInt(li.lineEnd(l+r.nearbyLines+1), p+lineBytes*(r.nearbyLines+1))
		}
		lo, hi = maxInt(lo, 0), minInt(hi, len(data))
		if n := len(out); n > 0 && lo <= out[n-1].hi {
			out[n-1].hi = maxInt(out[n-1].hi, hi)
			continue
		}
		out = append(out, window{lo, hi})
	}
	return out
}

// HasKeyword reports whether data contains any rule keyword, or whether
// some rule has no keywords and so must always run. It is the cheap
// prefilter callers may use before reading a whole file.
func (s *Set) HasKeyword(data []byte) bool {
	return s.keywordHits(data) != nil || s.vocab != nil && syntax.KeyFile(data)
}

// check applies the content checks to one regex match.
func (s *Set) check(r *rule, c *content, loc []int) (Match, bool) {
	data := c.data
	start, end := loc[0], loc[1]
	// gitleaks trims newlines the regex swallowed at the end.
	for end > start && data[end-1] == '\n' {
		end--
	}
	ss, se := start, end
	if r.SecretGroup > 0 {
		ss, se = loc[2*r.SecretGroup], loc[2*r.SecretGroup+1]
	} else {
		for g := 1; 2*g+1 < len(loc); g++ {
			if loc[2*g] >= 0 && loc[2*g+1] > loc[2*g] {
				ss, se = loc[2*g], loc[2*g+1]
				break
			}
		}
	}
	if ss < 0 || se <= ss {
		return Match{}, false
	}
	return s.accept(r, c, string(data[ss:se]), ss, se, start, end)
}

// accept applies a rule's checks on a value found at ss..se (in a match
// that spans start..end) and makes the Match: entropy, placeholders,
// published examples (for every rule, also one that keeps values that
// look like placeholders), validation, the allow marker on its lines, nearby context, and the
// allowlists that do not depend on the location. A data rule's value may
// differ from the text at ss..se (decoded from base64 or escapes).
func (s *Set) accept(r *rule, c *content, secret string, ss, se, start, end int) (Match, bool) {
	data, lines := c.data, c.lines()
	if r.Entropy > 0 && Entropy(secret) <= r.Entropy {
		return Match{}, false
	}
	if knownExample(secret) || r.placeholders && placeholderShape(secret) {
		return Match{}, false
	}
	if r.validate != nil && !r.validate(secret) {
		return Match{}, false
	}
	if start > ss || ss-start > maxContext {
		start = ss
	}
	if end < se {
		end = se
	}
	line := lines.line(ss)
	ls := lines.lineStart(lines.line(start))
	le := lines.lineEnd(lines.line(maxInt(end-1, start)))
	if c.allowMarked(ls, le) {
		return Match{}, false
	}
	lineText := data[ls:le]
	if r.hasNearby {
		// Within nearbyLines lines, and within nearbyBytes per line: on a
		// minified line of megabytes, "the same line" means nothing.
		reach := nearbyBase + nearbyPerLine*r.nearbyLines
		from := maxInt(lines.lineStart(maxInt(1, line-r.nearbyLines)), ss-reach)
		to := minInt(lines.lineEnd(lines.line(maxInt(se-1, ss))+r.nearbyLines), se+reach)
		if !r.nearbyMatch(data[from:to]) {
			return Match{}, false
		}
	}
	m := Match{
		RuleID:   r.ID,
		Exchange: r.Exchange,
		Part:     r.Part,
		Secret:   secret,
		Start:    ss,
		End:      se,
		Line:     line,
		Column:   ss - lines.lineStart(line) + 1,
		EndLine:  lines.line(maxInt(se-1, ss)),
		Match:    string(data[start:end]),
		Context:  clip(lineText, ss-ls, minInt(se, le)-ls),
	}
	for _, a := range s.global {
		if a.targetRules != nil && !a.targetRules[r.ID] {
			continue
		}
		if len(a.paths) == 0 && len(a.commits) == 0 && a.allows(m.Secret, m.Match, m.Context, "", "") {
			return Match{}, false
		}
	}
	for _, a := range r.allow {
		if len(a.paths) == 0 && len(a.commits) == 0 && a.allows(m.Secret, m.Match, m.Context, "", "") {
			return Match{}, false
		}
	}
	return m, true
}

// Keep applies the checks that depend on where a match was found: the
// rule's path pattern and any allowlist that names paths or commits.
// commit may be "" (working tree, staged changes).
func (s *Set) Keep(m *Match, path, commit string) bool {
	r, ok := s.byID[m.RuleID]
	if !ok {
		return true
	}
	if r.path != nil && !r.path.MatchString(path) {
		return false
	}
	if m.NeedsPath && (s.vocab == nil || !s.vocab.pathVenues(path)[m.Exchange]) {
		return false
	}
	for _, a := range s.global {
		if a.targetRules != nil && !a.targetRules[r.ID] {
			continue
		}
		if (len(a.paths) > 0 || len(a.commits) > 0) && a.allows(m.Secret, m.Match, m.Context, path, commit) {
			return false
		}
	}
	for _, a := range r.allow {
		if (len(a.paths) > 0 || len(a.commits) > 0) && a.allows(m.Secret, m.Match, m.Context, path, commit) {
			return false
		}
	}
	return true
}

// SkipPath reports whether a global allowlist ignores every rule for
// this path (gitleaks' global path allowlist), so a file need not be read.
func (s *Set) SkipPath(path string) bool {
	for _, a := range s.global {
		if a.targetRules == nil && len(a.regexes) == 0 && len(a.stopwords) == 0 && len(a.commits) == 0 && a.fileAllowed(path, "") {
			return true
		}
	}
	return false
}

// HasPathRules reports whether any rule matches on paths alone.
func (s *Set) HasPathRules() bool {
	for _, r := range s.rules {
		if !r.hasRe && r.path != nil {
			return true
		}
	}
	return false
}

// PathMatches returns a match for every path-only rule (a rule with a
// path pattern and no regex, such as "a .p12 file") that path satisfies.
func (s *Set) PathMatches(path string) []Match {
	var out []Match
	for _, r := range s.rules {
		if !r.hasRe && r.path != nil && r.path.MatchString(path) {
			m := Match{RuleID: r.ID, Exchange: r.Exchange, Part: r.Part, Secret: "file detected: " + path, Match: "file detected: " + path}
			if s.Keep(&m, path, "") {
				out = append(out, m)
			}
		}
	}
	return out
}

func clip(line []byte, from, to int) string {
	if len(line) <= maxContext {
		return string(line)
	}
	half := (maxContext - (to - from)) / 2
	if half < 0 {
		half = 0
	}
	a := maxInt(0, from-half)
	b := minInt(len(line), to+half)
	return string(line[a:b])
}

// Entropy returns the Shannon entropy of s in bits per byte.
func Entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	var h float64
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex struct {
	nl  []int // offsets of '\n'
	end int
}

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{end: len(data), nl: make([]int, 0, bytes.Count(data, []byte{'\n'}))}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		li.nl = append(li.nl, i+j)
		i += j + 1
	}
	return li
}

// line returns the 1-based line holding offset off.
func (li *lineIndex) line(off int) int { return sort.SearchInts(li.nl, off) + 1 }

// lineStart returns the offset of the first byte of line n.
func (li *lineIndex) lineStart(n int) int {
	if n <= 1 {
		return 0
	}
	if n-2 >= len(li.nl) {
		return li.end
	}
	return li.nl[n-2] + 1
}

// lineEnd returns the offset just past the last byte (before '\n') of line n.
func (li *lineIndex) lineEnd(n int) int {
	if n-1 >= len(li.nl) {
		return li.end
	}
	if n < 1 {
		n = 1
	}
	return li.nl[n-1]
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func absInt(a int) int {
	if a < 0 {
		return -a
	}
	return a
}

// requireReach is how far a match may reach either side of the required
// keyword it contains (see Rule.RequireKeywords).
const requireReach = 1024

// narrow replaces each window by the regions around the required keywords
// in it: a match contains one of them and reaches at most requireReach
// bytes either side. Regions stay inside their window.
func (r *rule) narrow(data []byte, wins []window) []window {
	var out []window
	for _, w := range wins {
		seg := data[w.lo:w.hi]
		for _, k := range r.require {
			for off := 0; ; {
				i := indexFold(seg[off:], k)
				if i < 0 {
					break
				}
				p := w.lo + off + i
				out = append(out, window{maxInt(w.lo, p-requireReach), minInt(w.hi, p+len(k)+requireReach)})
				off += i + len(k)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	merged := out[:0]
	for _, w := range out {
		if n := len(merged); n > 0 && w.lo <= merged[n-1].hi {
			merged[n-1].hi = maxInt(merged[n-1].hi, w.hi)
			continue
		}
		merged = append(merged, w)
	}
	return merged
}

// worth reports whether a window can hold a match of r: the run of
// characters its value needs (unless hasRun says the window holds it), one of its required keywords, and what its
// validator's prefilter looks for. Each is a necessary condition.
func (r *rule) worth(w []byte, hasRun bool) bool {
	if r.run != nil && !hasRun && !r.run.has(w) {
		return false
	}
	if len(r.require) > 0 {
		ok := false
		for _, k := range r.require {
			if containsFold(w, k) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return r.prefilter == nil || r.prefilter(w)
}

// containsFold reports whether w contains the lower-case ASCII k,
// ignoring case.
func containsFold(w, k []byte) bool { return indexFold(w, k) >= 0 }

// indexFold is the index of the first case-insensitive occurrence of the
// lower-case ASCII k in w, or -1.
func indexFold(w, k []byte) int {
	if len(k) == 0 {
		return 0
	}
	first := k[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper = first - 32
	}
	for i := 0; i+len(k) <= len(w); i++ {
		c := w[i]
		if c != first && c != upper {
			continue
		}
		j := 1
		for ; j < len(k); j++ {
			c := w[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 32
			}
			if c != k[j] {
				break
			}
		}
		if j == len(k) {
			return i
		}
	}
	return -1
}

// Run windows. Every match of a rule with a run requirement holds such a
// run (the value: 64 hex digits, a UUID), and values are far rarer than
// keywords: trading code says "key", "secret" and "wallet" on every other
// line. So within its keyword windows a rule's regex runs only around the
// runs: from runReachBefore lines before a run's first line to the line
// after its last, at most runReachBytes either side on a long line. A
// match may thus put at most runReachBefore line breaks between its start
// and its value (key =\n\n "value" still holds).
const (
	runReachBefore = 3
	runReachBytes  = 4 << 10
)

// aroundRuns replaces each window by the regions around the runs of r's
// class at least r.run.min long in it. Regions stay inside their window.
func (r *rule) aroundRuns(data []byte, wins []window, li *lineIndex) []window {
	out := wins[:0:0]
	for _, w := range wins {
		r.run.each(data[w.lo:w.hi], func(s, e int) {
			s, e = s+w.lo, e+w.lo
			lo := maxInt(li.lineStart(li.line(s)-runReachBefore), s-runReachBytes)
			hi := minInt(li.lineEnd(li.line(e-1)+1), e+runReachBytes)
			lo, hi = maxInt(lo, w.lo), minInt(hi, w.hi)
			if k := len(out); k > 0 && lo <= out[k-1].hi {
				out[k-1].hi = maxInt(out[k-1].hi, hi)
				return
			}
			out = append(out, window{lo, hi})
		})
	}
	return out
}
