package rules

import (
	"regexp"
	"regexp/syntax"
	"sync"
	"unicode/utf8"
)

// Start filters. Go's regexp has no DFA: an unanchored search runs its
// NFA (or backtracker) over every byte of the input, at some 5-10 MB/s
// for the long alternations of exchange rules, and in keyword-dense
// content a rule's windows cover most of the file. But a match can only
// start where its first few bytes can: "bin", "api", "key", "(\"" and so
// on. startFilter knows those prefixes (up to startLen bytes, derived
// from the regex), finds the positions in a window that carry one, and
// runs the regex anchored at each: a few hundred nanoseconds per
// candidate instead of a pass of the NFA over every byte.
//
// The result is the same as FindAllSubmatchIndex on the window: matches
// start at rune boundaries (decoded from the window start, as the regexp
// package does), each candidate runs with the byte before it as context
// (so \b, \B and (?m)^ see what they would see), candidates are tried
// left to right and the search resumes where a match ends, and the
// regex cannot match the empty string (else there is no filter).
//
// What is left on keyword-dense content (every line names an exchange and
// assigns api_key, secret or passphrase), by CPU profile: about half is
// the anchored regex runs themselves. Each rule's windows still cover
// most of such a file (a venue named every few lines keeps its nearby
// context live everywhere), and a genuine candidate ("api_key = ") is
// a real partial match the NFA must follow to the value before it fails:
// some 0.7 µs per candidate, one candidate every 30-70 bytes, for each of
// 64 rules. A fifth is finding candidates, the rest windows, runs and
// per-match checks. Going much faster needs an engine with a DFA, or
// fewer rules looking at each byte.
const (
	startLen      = 3
	startMinRatio = 8 // windows with more than 1 candidate in 8 bytes run the plain search
)

// startFilter says where a match of one regex can start.
type startFilter struct {
	first [256]bool       // bytes that can start a match
	one   [256]bool       // ... and are a whole prefix by themselves
	two   [1 << 10]uint64 // byte pairs that begin a prefix (bitset)
	twoOK [1 << 10]uint64 // ... and are a whole prefix
	three [1 << 10]uint64 // hashed 3-byte prefixes (bitset; may hold extra)
	// anchored is ^(?:re); behind is ^(?s:.)(?:re), run from the byte
	// before a candidate so assertions see the real context.
	anchored, behind *regexp.Regexp
}

// newStartFilter builds the filter of re, or returns nil when the regex
// can match the empty string or its prefixes are too many to help.
func newStartFilter(expr string) *startFilter {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	for k := startLen; k >= 1; k-- {
		set, ok := prefixes(re, k)
		if !ok {
			continue
		}
		if len(set) == 0 {
			return nil // matches nothing
		}
		f := &startFilter{}
		for p := range set {
			if p.n == 0 {
				return nil // the empty match: every position is a start
			}
			f.add(p)
		}
		var err1, err2 error
		f.anchored, err1 = regexp.Compile(`^(?:` + expr + `)`)
		f.behind, err2 = regexp.Compile(`^(?s:.)(?:` + expr + `)`)
		if err1 != nil || err2 != nil {
			return nil
		}
		return f
	}
	return nil
}

func pairBit(a, b byte) (int, uint64) { i := int(a)<<8 | int(b); return i >> 6, 1 << (i & 63) }
func tripleBit(a, b, c byte) (int, uint64) {
	h := (uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 0x9E3779B1 >> 16
	return int(h >> 6), 1 << (h & 63)
}

// maxTriples bounds the byte triples one prefix may stand for; a prefix
// of wider classes is entered by its first two bytes.
const maxTriples = 1 << 16

func (f *startFilter) add(p seq) {
	n := p.n
	if n == 3 && p.cls[0].count()*p.cls[1].count()*p.cls[2].count() > maxTriples {
		n = 2
	}
	p.cls[0].each(func(a byte) {
		f.first[a] = true
		if n == 1 {
			f.one[a] = true
			return
		}
		p.cls[1].each(func(b byte) {
			w, bit := pairBit(a, b)
			f.two[w] |= bit
			if n == 2 {
				f.twoOK[w] |= bit
				return
			}
			p.cls[2].each(func(c byte) {
				w, bit := tripleBit(a, b, c)
				f.three[w] |= bit
			})
		})
	})
}

// at reports whether a match may start at w[i].
func (f *startFilter) at(w []byte, i int) bool {
	if f.one[w[i]] {
		return true
	}
	if i+1 >= len(w) {
		return false
	}
	x, bit := pairBit(w[i], w[i+1])
	if f.two[x]&bit == 0 {
		return false
	}
	if f.twoOK[x]&bit != 0 {
		return true
	}
	if i+2 >= len(w) {
		return false
	}
	x, bit = tripleBit(w[i], w[i+1], w[i+2])
	return f.three[x]&bit != 0
}

// candidates counts the candidate starts in w, stopping past limit.
func (f *startFilter) candidates(w []byte, limit int) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if f.first[w[i]] && f.at(w, i) {
			if n++; n > limit {
				return n
			}
		}
	}
	return n
}

// match reports what re.Match(w) reports, trying the regex only at
// candidate starts: a match anywhere starts at one of them.
func (f *startFilter) match(w []byte) bool {
	for i := 0; i < len(w); {
		c := w[i]
		width := 1
		if c >= utf8.RuneSelf {
			_, width = utf8.DecodeRune(w[i:])
		}
		if f.first[c] && f.at(w, i) {
			if i == 0 && f.anchored.Match(w) || i > 0 && f.behind.Match(w[i-1:]) {
				return true
			}
		}
		i += width
	}
	return false
}

// findAll returns what re.FindAllSubmatchIndex(w, -1) returns, trying the
// regex only at candidate starts.
func (f *startFilter) findAll(w []byte) [][]int {
	var out [][]int
	for i := 0; i < len(w); {
		c := w[i]
		width := 1
		if c >= utf8.RuneSelf {
			_, width = utf8.DecodeRune(w[i:])
		}
		if f.first[c] && f.at(w, i) {
			var loc []int
			if i == 0 {
				loc = f.anchored.FindSubmatchIndex(w)
			} else if loc = f.behind.FindSubmatchIndex(w[i-1:]); loc != nil {
				for k := range loc {
					if loc[k] >= 0 {
						loc[k] += i - 1
					}
				}
				loc[0] = i
			}
			if loc != nil && loc[1] > i {
				out = append(out, loc)
				i = loc[1]
				continue
			}
		}
		i += width
	}
	return out
}

// lazyFilter is a start filter built on first use (nil: none).
type lazyFilter struct {
	once sync.Once
	f    *startFilter
}

func (l *lazyFilter) get(expr string) *startFilter {
	l.once.Do(func() { l.f = newStartFilter(expr) })
	return l.f
}

// starts returns r's start filter (nil: none).
func (r *rule) starts() *startFilter { return r.start.get(r.Regex) }

// nearbyMatch reports whether r's nearby regex matches in w.
func (r *rule) nearbyMatch(w []byte) bool {
	if f := r.nearbyStart.get(r.Nearby.Regex); f != nil {
		return f.match(w)
	}
	return r.nearbyRegex().Match(w)
}

// findAllIn is r.regex().FindAllSubmatchIndex(w, -1), through the start
// filter when the window has few enough candidate starts.
func (r *rule) findAllIn(w []byte) [][]int {
	if f := r.starts(); f != nil {
		if limit := len(w) / startMinRatio; f.candidates(w, limit) <= limit {
			return f.findAll(w)
		}
	}
	return r.regex().FindAllSubmatchIndex(w, -1)
}
