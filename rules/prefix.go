package rules

import (
	"math/bits"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// byteClass is a set of bytes.
type byteClass [4]uint64

func (c *byteClass) set(b byte)      { c[b>>6] |= 1 << (b & 63) }
func (c *byteClass) has(b byte) bool { return c[b>>6]&(1<<(b&63)) != 0 }
func (c *byteClass) union(o byteClass) {
	c[0], c[1], c[2], c[3] = c[0]|o[0], c[1]|o[1], c[2]|o[2], c[3]|o[3]
}
func (c *byteClass) count() int {
	return bits.OnesCount64(c[0]) + bits.OnesCount64(c[1]) + bits.OnesCount64(c[2]) + bits.OnesCount64(c[3])
}

func (c *byteClass) each(fn func(byte)) {
	for b := 0; b < 256; b++ {
		if c.has(byte(b)) {
			fn(byte(b))
		}
	}
}

// highBytes holds every byte that can begin a non-ASCII rune, and every
// byte the regexp package reads as U+FFFD on its own.
var highBytes = func() (c byteClass) {
	for b := utf8.RuneSelf; b < 256; b++ {
		c.set(byte(b))
	}
	return c
}()

// seq is how a match can begin: n classes of bytes, one per position.
// It is complete when the match can end right there (any bytes may
// follow), open when it goes on in a way not followed (startLen bytes
// reached, or a non-ASCII rune whose bytes are not tracked).
type seq struct {
	cls      [startLen]byteClass
	n        int
	complete bool
}

// maxStartSet bounds the number of sequences; with more a shorter length
// is tried.
const maxStartSet = 1024

var emptySeq = map[seq]bool{{complete: true}: true}

// prefixes returns how matches of re begin, in sequences of at most k
// bytes, or false when there are more than maxStartSet of them.
// Assertions (\b, ^, $) consume nothing and are not checked: the
// sequences may allow more starts than there are, never fewer.
func prefixes(re *syntax.Regexp, k int) (map[seq]bool, bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return map[seq]bool{}, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return emptySeq, true
	case syntax.OpLiteral:
		set := emptySeq
		for _, r := range re.Rune {
			var ok bool
			if set, ok = concat(set, runeSeqs(r, re.Flags&syntax.FoldCase != 0, k), k); !ok {
				return nil, false
			}
		}
		return set, true
	case syntax.OpCharClass:
		var ascii byteClass
		high := false
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for c := lo; c <= hi && c < utf8.RuneSelf; c++ {
				ascii.set(byte(c))
			}
			high = high || hi >= utf8.RuneSelf
		}
		return classSeqs(ascii, high), true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		var ascii byteClass
		for c := 0; c < utf8.RuneSelf; c++ {
			if c != '\n' || re.Op == syntax.OpAnyChar {
				ascii.set(byte(c))
			}
		}
		return classSeqs(ascii, true), true
	case syntax.OpCapture:
		return prefixes(re.Sub[0], k)
	case syntax.OpAlternate:
		set := map[seq]bool{}
		for _, sub := range re.Sub {
			s, ok := prefixes(sub, k)
			if !ok {
				return nil, false
			}
			for p := range s {
				set[p] = true
			}
			if len(set) > maxStartSet {
				return nil, false
			}
		}
		return set, true
	case syntax.OpConcat:
		set := emptySeq
		for _, sub := range re.Sub {
			if !hasComplete(set) {
				break // every sequence is already whole
			}
			s, ok := prefixes(sub, k)
			if !ok {
				return nil, false
			}
			if set, ok = concat(set, s, k); !ok {
				return nil, false
			}
		}
		return set, true
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		return repeatSeqs(re, k)
	}
	return nil, false
}

// repeatSeqs handles x*, x+, x? and x{n,m}. Past k+1 copies nothing new
// begins a match: each copy adds a byte, or is empty and adds nothing.
func repeatSeqs(re *syntax.Regexp, k int) (map[seq]bool, bool) {
	sub, ok := prefixes(re.Sub[0], k)
	if !ok {
		return nil, false
	}
	min, max := 0, -1
	switch re.Op {
	case syntax.OpPlus:
		min = 1
	case syntax.OpQuest:
		max = 1
	case syntax.OpRepeat:
		min, max = re.Min, re.Max
	}
	if min > k+1 {
		min = k + 1
	}
	if max < 0 || max-min > k+1 {
		max = min + k + 1
	}
	set := emptySeq
	for i := 0; i < min; i++ {
		if set, ok = concat(set, sub, k); !ok {
			return nil, false
		}
	}
	opt := map[seq]bool{{complete: true}: true}
	for p := range sub {
		opt[p] = true
	}
	for i := min; i < max; i++ {
		next, ok := concat(set, opt, k)
		if !ok {
			return nil, false
		}
		if sameSeqs(next, set) {
			break
		}
		set = next
	}
	return set, true
}

func sameSeqs(a, b map[seq]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for p := range a {
		if !b[p] {
			return false
		}
	}
	return true
}

func hasComplete(set map[seq]bool) bool {
	for p := range set {
		if p.complete {
			return true
		}
	}
	return false
}

// concat follows every complete sequence of a by every sequence of b,
// keeping at most k bytes.
func concat(a, b map[seq]bool, k int) (map[seq]bool, bool) {
	out := map[seq]bool{}
	for p := range a {
		if !p.complete {
			out[p] = true
			continue
		}
		for q := range b {
			r := p
			r.complete = q.complete
			for i := 0; i < q.n && r.n < k; i++ {
				r.cls[r.n] = q.cls[i]
				r.n++
			}
			if p.n+q.n >= k {
				r.complete = false
			}
			out[r] = true
		}
		if len(out) > maxStartSet {
			return nil, false
		}
	}
	return out, true
}

// classSeqs is one character of a class: its ASCII bytes, and when it
// reaches past ASCII, the bytes that begin anything else (open).
func classSeqs(ascii byteClass, high bool) map[seq]bool {
	set := map[seq]bool{}
	if ascii.count() > 0 {
		set[seq{cls: [startLen]byteClass{ascii}, n: 1, complete: true}] = true
	}
	if high {
		set[seq{cls: [startLen]byteClass{highBytes}, n: 1}] = true
	}
	return set
}

// runeSeqs is one literal rune (and its case variants, when fold is set)
// as the bytes that spell it. U+FFFD also matches any byte that is not
// valid UTF-8.
func runeSeqs(r rune, fold bool, k int) map[seq]bool {
	variants := []rune{r}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			variants = append(variants, f)
		}
	}
	var ascii byteClass
	set := map[seq]bool{}
	for _, v := range variants {
		switch {
		case v >= 0 && v < utf8.RuneSelf:
			ascii.set(byte(v))
		case v == utf8.RuneError || !utf8.ValidRune(v):
			set[seq{cls: [startLen]byteClass{highBytes}, n: 1}] = true
		default:
			var p seq
			var buf [utf8.UTFMax]byte
			for _, b := range buf[:utf8.EncodeRune(buf[:], v)] {
				if p.n == k {
					break
				}
				p.cls[p.n].set(b)
				p.n++
			}
			p.complete = utf8.RuneLen(v) <= k
			set[p] = true
		}
	}
	if ascii.count() > 0 {
		set[seq{cls: [startLen]byteClass{ascii}, n: 1, complete: true}] = true
	}
	return set
}
