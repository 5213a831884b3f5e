package rules

import "regexp/syntax"

// runReq is a cheap necessary condition derived from a rule's secret:
// any match holds at least min consecutive bytes of class. A window
// without such a run cannot match, so the regex is not run on it.
type runReq struct {
	class [256]bool
	min   int
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
		min := 1
		if re.Op == syntax.OpRepeat {
			min = re.Min
		}
		cls, ok := classOf(re.Sub[0])
		if !ok || min < 1 {
			return nil
		}
		return &runReq{class: cls, min: min}
	case syntax.OpConcat:
		// Adjacent runs of the same class add up; otherwise take the
		// longest single requirement.
		var best *runReq
		for _, sub := range re.Sub {
			if rr := requiredRun(sub); rr != nil && (best == nil || rr.min > best.min) {
				best = rr
			}
		}
		return best
	}
	return nil
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

// has reports whether data holds a run of at least rr.min class bytes.
func (rr *runReq) has(data []byte) bool {
	n := 0
	for _, c := range data {
		if rr.class[c] {
			n++
			if n >= rr.min {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
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
