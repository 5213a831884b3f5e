package rules

import (
	"math"
	"regexp/syntax"
)

// runReq is a cheap necessary condition derived from a rule's secret:
// any match holds at least min consecutive bytes of class. A window
// without such a run cannot match, so the regex is not run on it.
type runReq struct {
	class [256]bool
	min   int
}

// wholeRun is the run requirement of the whole regex, when it is at
// least minUsefulRun long.
func wholeRun(re *syntax.Regexp) *runReq {
	rr := requiredRun(re)
	if rr == nil || rr.min < minUsefulRun {
		return nil
	}
	return rr
}

// minUsefulRun: shorter runs are too common to filter anything.
const minUsefulRun = 12

// secretRun derives the run requirement of capture group g (0: the whole
// match) of re, or nil when none is certain.
func secretRun(re *syntax.Regexp, g int) *runReq {
	target := re
	if g > 0 {
		target = findCapture(re, g)
		if target == nil {
			return nil
		}
	}
	rr := requiredRun(target)
	if rr == nil || rr.min < minUsefulRun {
		return nil
	}
	return rr
}

func findCapture(re *syntax.Regexp, g int) *syntax.Regexp {
	if re.Op == syntax.OpCapture && re.Cap == g {
		return re
	}
	for _, sub := range re.Sub {
		if c := findCapture(sub, g); c != nil {
			return c
		}
	}
	return nil
}

// requiredRun returns the strongest run every match of re must contain.
func requiredRun(re *syntax.Regexp) *runReq {
	switch re.Op {
	case syntax.OpCapture:
		return requiredRun(re.Sub[0])
	case syntax.OpRepeat, syntax.OpPlus:
		// A repetition of something made only of one class of bytes is a
		// run of that class: [a-f0-9]{8}, (?:[a-z]{3,8}[ ,]+){11,}.
		if cls, min, ok := closure(re); ok && min > 0 {
			return &runReq{class: cls, min: min}
		}
		min := 1
		if re.Op == syntax.OpRepeat {
			min = re.Min
		}
		if min < 1 {
			return nil
		}
		return requiredRun(re.Sub[0])
	case syntax.OpConcat:
		// The longest requirement of any part; runs of adjacent parts
		// drawn from one class add up ([0-9a-f]{8}-[0-9a-f]{4}-… is one
		// run of 36 over [0-9a-f-]).
		var best *runReq
		consider := func(rr *runReq) {
			if rr != nil && (best == nil || rr.min > best.min) {
				best = rr
			}
		}
		for i := range re.Sub {
			consider(requiredRun(re.Sub[i]))
			var acc [256]bool
			total := 0
			for j := i; j < len(re.Sub); j++ {
				cls, min, ok := closure(re.Sub[j])
				if !ok {
					break
				}
				for c := range acc {
					acc[c] = acc[c] || cls[c]
				}
				total += min
				if j > i && total > 0 {
					consider(&runReq{class: acc, min: total})
				}
			}
		}
		return best
	}
	return nil
}

// closure reports the class of every byte re can match and the least
// number of bytes it matches, when re consumes only such bytes (no empty-
// width assertions other than word boundaries, which consume nothing).
func closure(re *syntax.Regexp) (cls [256]bool, min int, ok bool) {
	switch re.Op {
	case syntax.OpCharClass, syntax.OpLiteral:
		if re.Op == syntax.OpLiteral {
			var out [256]bool
			for _, r := range re.Rune {
				one, ok := classOf(&syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}, Flags: re.Flags})
				if !ok {
					return cls, 0, false
				}
				for c := range out {
					out[c] = out[c] || one[c]
				}
			}
			return out, len(re.Rune), true
		}
		c, ok := classOf(re)
		return c, 1, ok
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return cls, 0, false // everything: no filter
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
		return cls, 0, true
	case syntax.OpCapture:
		return closure(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest, syntax.OpPlus, syntax.OpRepeat:
		c, m, ok := closure(re.Sub[0])
		if !ok {
			return cls, 0, false
		}
		switch re.Op {
		case syntax.OpStar, syntax.OpQuest:
			m = 0
		case syntax.OpRepeat:
			m *= re.Min
		}
		return c, m, true
	case syntax.OpConcat, syntax.OpAlternate:
		first := true
		for _, sub := range re.Sub {
			c, m, ok := closure(sub)
			if !ok {
				return cls, 0, false
			}
			for i := range cls {
				cls[i] = cls[i] || c[i]
			}
			if re.Op == syntax.OpConcat {
				min += m
			} else if first || m < min {
				min = m
			}
			first = false
		}
		return cls, min, true
	}
	return cls, 0, false
}

// classOf returns the byte table of a single-character matcher. Bytes of
// multi-byte runes are all allowed, so the table never rejects a match.
func classOf(re *syntax.Regexp) (cls [256]bool, ok bool) {
	switch re.Op {
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for c := lo; c <= hi && c < 128; c++ {
				cls[c] = true
			}
			if hi >= 128 {
				for c := 128; c < 256; c++ {
					cls[c] = true
				}
			}
		}
		return cls, true
	case syntax.OpLiteral:
		if len(re.Rune) != 1 || re.Rune[0] >= 128 {
			return cls, false
		}
		c := re.Rune[0]
		cls[c] = true
		if re.Flags&syntax.FoldCase != 0 {
			if 'a' <= c && c <= 'z' {
				cls[c-32] = true
			} else if 'A' <= c && c <= 'Z' {
				cls[c+32] = true
			}
		}
		return cls, true
	}
	return cls, false
}

// rarity estimates how unlikely a run is in source text: the bits of
// information in min bytes of its class, with bytes weighted roughly as
// they occur in code (lower-case letters and spaces common, upper case,
// digits and punctuation less so). 64 hex digits outweigh 71 bytes of
// identifier characters, spaces and punctuation.
func (rr *runReq) rarity() float64 {
	p := 0.0
	for c, in := range rr.class {
		if in {
			p += textFreq(byte(c))
		}
	}
	if p <= 0 {
		return math.Inf(1)
	}
	return -float64(rr.min) * math.Log2(math.Min(p, 1))
}

// textFreq is a rough frequency of byte c in source code and config.
func textFreq(c byte) float64 {
	switch {
	case 'a' <= c && c <= 'z':
		return 0.5 / 26
	case 'A' <= c && c <= 'Z':
		return 0.08 / 26
	case '0' <= c && c <= '9':
		return 0.04 / 10
	case c == ' ':
		return 0.15
	case c == '\n' || c == '\t' || c == '\r':
		return 0.015
	case c < 128:
		return 0.19 / 32
	}
	return 0.001
}

// has reports whether data holds a run of at least rr.min class bytes.
func (rr *runReq) has(data []byte) bool {
	found := false
	rr.scan(data, func(int, int) bool { found = true; return false })
	return found
}

// each calls fn with the bounds of every maximal run of at least rr.min
// class bytes in data, in order.
func (rr *runReq) each(data []byte, fn func(start, end int)) {
	rr.scan(data, func(s, e int) bool { fn(s, e); return true })
}

// scan finds the maximal runs, stopping when fn returns false. A run of
// min bytes or more that starts at i or later holds byte i+min-1, so a
// byte outside the class there rules out every start up to it: on text
// where long runs are rare most bytes are never looked at.
func (rr *runReq) scan(data []byte, fn func(start, end int) bool) {
	min := rr.min
	if min < 1 {
		min = 1
	}
	// Invariant: i == 0 or data[i-1] is outside the class.
	for i := 0; i+min <= len(data); {
		j := i + min - 1
		if !rr.class[data[j]] {
			i = j + 1
			continue
		}
		s := j
		for s > i && rr.class[data[s-1]] {
			s--
		}
		e := j + 1
		for e < len(data) && rr.class[data[e]] {
			e++
		}
		if e-s >= min && !fn(s, e) {
			return
		}
		i = e + 1
	}
}

// anyGroupRun is the requirement that holds whichever capture group turns
// out to be the secret: the union of the groups' classes at the smallest
// of their lengths, or nil if some group has none.
func anyGroupRun(re *syntax.Regexp) *runReq {
	var out *runReq
	for g := 1; g <= re.MaxCap(); g++ {
		rr := secretRun(re, g)
		if rr == nil {
			return nil
		}
		if out == nil {
			out = rr
			continue
		}
		for i := range out.class {
			out.class[i] = out.class[i] || rr.class[i]
		}
		if rr.min < out.min {
			out.min = rr.min
		}
	}
	return out
}
