// Package wordset finds every occurrence of a set of words in a text in
// one pass, ignoring ASCII case.
//
// A Set is an Aho-Corasick automaton compiled to a table-driven DFA: one
// table load per input byte, whatever the number of words. Its byte
// classes fold ASCII case (A and a are one class), so the text is read as
// it is, without a lower-cased copy. Every occurrence is reported, words
// inside words and overlapping ones included, in order of where they end.
package wordset

// outFlag marks a transition into a state where some word ends.
const outFlag = 1 << 31

// Set is a compiled set of words. It is immutable and safe for concurrent
// use.
type Set struct {
	class  [256]uint8 // byte -> class; 0: a byte no word holds
	width  int        // classes, the row length of trans
	trans  []uint32   // state offset + class -> next state offset | outFlag
	outs   [][]int    // state -> the words that end on entering it
	lens   []int
	nWords int
}

// New compiles words. A word matches its ASCII upper- and lower-case
// forms (other bytes match exactly); empty words never match.
func New(words []string) *Set {
	s := &Set{lens: make([]int, len(words)), nWords: len(words)}
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = foldASCII(w)
		s.lens[i] = len(w)
	}
	// Byte classes: one per distinct (folded) byte of the words.
	s.width = 1
	for _, w := range lower {
		for j := 0; j < len(w); j++ {
			b := w[j]
			if s.class[b] == 0 { // at most 230 classes: 256 bytes, 26 folded
				s.class[b] = uint8(s.width)
				s.width++
			}
		}
	}
	for b := 'A'; b <= 'Z'; b++ {
		s.class[b] = s.class[b+'a'-'A']
	}

	// The trie: goto[state*width+class], -1 where there is no edge.
	var (
		next = make([]int32, s.width) // the root's row
		ends = [][]int{nil}           // state -> words ending exactly here
	)
	for i := range next {
		next[i] = -1
	}
	states := 1
	for i, w := range lower {
		if w == "" {
			continue
		}
		st := 0
		for j := 0; j < len(w); j++ {
			c := int(s.class[w[j]])
			if next[st*s.width+c] < 0 {
				next[st*s.width+c] = int32(states)
				row := make([]int32, s.width)
				for k := range row {
					row[k] = -1
				}
				next = append(next, row...)
				ends = append(ends, nil)
				states++
			}
			st = int(next[st*s.width+c])
		}
		ends[st] = append(ends[st], i)
	}

	// Breadth first: failure links, outputs through them, and the full
	// transition table (a missing edge goes where the failure state's
	// edge goes).
	fail := make([]int32, states)
	outs := make([][]int, states)
	s.trans = make([]uint32, states*s.width)
	queue := make([]int32, 0, states)
	for c := 0; c < s.width; c++ {
		if t := next[c]; t > 0 {
			fail[t] = 0
			queue = append(queue, t)
		}
	}
	outs[0] = ends[0]
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		outs[st] = append(append([]int(nil), ends[st]...), outs[fail[st]]...)
		for c := 0; c < s.width; c++ {
			t := next[int(st)*s.width+c]
			if t < 0 {
				continue
			}
			// t's failure: follow st's failures until one has an edge c.
			f := fail[st]
			for f > 0 && next[int(f)*s.width+c] < 0 {
				f = fail[f]
			}
			if g := next[int(f)*s.width+c]; g > 0 && g != t {
				fail[t] = g
			}
			queue = append(queue, t)
		}
	}
	// Transitions: a missing edge is the failure chain's first edge.
	s.outs = outs
	delta := func(st int32, c int) int32 {
		for {
			if t := next[int(st)*s.width+c]; t >= 0 {
				return t
			}
			if st == 0 {
				return 0
			}
			st = fail[st]
		}
	}
	for st := int32(0); st < int32(states); st++ {
		for c := 0; c < s.width; c++ {
			t := delta(st, c)
			v := uint32(int(t) * s.width)
			if len(outs[t]) > 0 {
				v |= outFlag
			}
			s.trans[int(st)*s.width+c] = v
		}
	}
	return s
}

// Len returns the number of words the set was built from.
func (s *Set) Len() int { return s.nWords }

// Each calls fn for every occurrence of a word in text, with the word's
// index (its position in the list given to New) and the offset where the
// occurrence starts, in order of where occurrences end. It stops when fn
// returns false.
func (s *Set) Each(text []byte, fn func(word, start int) bool) {
	trans, class, width := s.trans, &s.class, uint32(s.width)
	var st uint32
	for i, b := range text {
		st = trans[st+uint32(class[b])]
		if st&outFlag != 0 {
			st &^= outFlag
			for _, w := range s.outs[st/width] {
				if !fn(w, i+1-s.lens[w]) {
					return
				}
			}
		}
	}
}

// foldASCII lower-cases the ASCII letters of w.
func foldASCII(w string) string {
	b := []byte(w)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
