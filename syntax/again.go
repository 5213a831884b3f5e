package syntax

// Values read again: the text inside a value (NAME=VALUE, escaped code,
// base64, a URL query, the lines of a notebook cell) scanned by a child
// lexer whose pairs map back to the input.

import (
	"bytes"
	"sort"
)

// segment maps a child lexer's text, from offset off on, back to the
// text of its parent: byte off is parent offset pbase (read verbatim), or
// each byte i is parent offset pmap[i-off] (decoded from escapes). When
// neither is known (decoded from base64), pairs take at, the outer
// value's span in the input.
type segment struct {
	off   int
	at    span
	pbase int // -1 when not verbatim
	pmap  []int32
}

// segmentFor maps val, read from the parent's text at (a literal's content
// or a bare value), back to it: verbatim, through its escapes, or not at
// all.
func (l *lexer) segmentFor(off int, val []byte, at span, flags Flags) segment {
	seg := segment{off: off, at: l.inputSpan(at), pbase: -1}
	if flags&Base64 != 0 || at.s < 0 || at.e > len(l.src) || at.s > at.e {
		return seg
	}
	raw := l.src[at.s:at.e]
	if bytes.Equal(val, raw) {
		seg.pbase = at.s
		return seg
	}
	if flags&Quoted != 0 {
		if out, idx := unescapeIdx(raw); bytes.Equal(out, val) {
			seg.pmap = make([]int32, len(idx))
			for i, r := range idx {
				seg.pmap[i] = int32(at.s) + r
			}
		}
	}
	return seg
}

// child returns a lexer for text read again inside a value; runChild
// runs it and keeps it for the next value (its buffers with it).
func (l *lexer) child(src []byte, segs []segment) *lexer {
	c := l.spare
	if c == nil {
		c = new(lexer)
	}
	l.spare = nil
	*c = lexer{src: src, fn: l.fn, nextID: l.nextID, depth: l.depth + 1, segs: segs, bol: true, cut: -1, parent: l,
		frames: c.frames[:0], view: c.view[:0], cutView: c.cutView[:0], spare: c.spare,
		expSlab: c.expSlab[:0]} // the previous value's expectations are unreachable
	c.base = l.frameView() // not changed while the child runs
	return c
}

func (l *lexer) runChild(c *lexer) {
	c.run()
	clear(c.frames[:cap(c.frames)]) // nothing of this value stays reachable
	l.spare = c
}

// inputOffset maps an offset of this lexer's text to the input's, when it
// can be known.
func (l *lexer) inputOffset(off int) (int, bool) {
	if l.depth == 0 {
		return off, true
	}
	seg := l.segAt(off)
	i := off - seg.off
	switch {
	case seg.pbase >= 0:
		return l.parent.inputOffset(seg.pbase + i)
	case seg.pmap != nil && i >= 0 && i < len(seg.pmap):
		return l.parent.inputOffset(int(seg.pmap[i]))
	}
	return 0, false
}

func (l *lexer) segAt(off int) *segment {
	k := sort.Search(len(l.segs), func(i int) bool { return l.segs[i].off > off }) - 1
	if k < 0 {
		k = 0
	}
	return &l.segs[k]
}

// inputSpan maps a span of this lexer's text to the input: exactly when
// its bytes were read verbatim or decoded from escapes, else the span of
// the outer value that holds it.
func (l *lexer) inputSpan(at span) span {
	if l.depth == 0 {
		return at
	}
	if at.e > at.s {
		s, ok1 := l.inputOffset(at.s)
		e, ok2 := l.inputOffset(at.e - 1)
		if ok1 && ok2 && e >= s {
			return span{s, e + 1}
		}
	}
	return l.segAt(at.s).at
}

// again reads a value's text as text when it may hold pairs itself:
// NAME=VALUE (--from-literal=…, "-e NAME=…", Environment="NAME=…"),
// "Header: value", JSON-escaped code (notebooks), decoded base64.
func (l *lexer) again(name []byte, nameAt int, val []byte, at span, flags Flags) {
	if l.depth >= maxDepth || len(val) < 3 || len(val) > maxLiteral {
		return
	}
	if !holdsSeparator(val) {
		return
	}
	if parts := queryParts(val); parts != nil {
		// a=1&client_id=…&client_secret=… (a URL's query, a form body):
		// each parameter is read alone.
		verbatim := flags&Base64 == 0 && at.s >= 0 && at.e <= len(l.src) && bytes.Equal(val, l.src[at.s:at.e])
		for _, p := range parts {
			pat := at
			if verbatim {
				pat = span{at.s + p.s, at.s + p.e}
			}
			c := l.child(val[p.s:p.e], []segment{l.segmentFor(0, val[p.s:p.e], pat, flags)})
			c.flagsIn = l.flagsIn | flags&Base64
			l.runChild(c)
		}
		return
	}
	c := l.child(val, []segment{l.segmentFor(0, val, at, flags)})
	c.flagsIn = l.flagsIn | flags&Base64
	l.runChild(c)
}

// queryParts splits a URL query or form body into its parameters, or
// returns nil when val is not one: NAME=VALUE pairs joined by &, after an
// optional ...? prefix.
func queryParts(val []byte) []span {
	if bytes.IndexByte(val, '&') < 0 || bytes.IndexByte(val, '\n') >= 0 || bytes.IndexByte(val, ' ') >= 0 {
		return nil
	}
	start := 0
	if q := bytes.IndexByte(val, '?'); q >= 0 {
		start = q + 1
	}
	var out []span
	for p := start; p < len(val); {
		e := bytes.IndexByte(val[p:], '&')
		if e < 0 {
			e = len(val)
		} else {
			e += p
		}
		eq := bytes.IndexByte(val[p:e], '=')
		if eq <= 0 {
			return nil
		}
		for _, c := range val[p : p+eq] {
			if !nameByte[c] && c != '.' && c != '-' && c != '[' && c != ']' {
				return nil
			}
		}
		out = append(out, span{p, e})
		p = e + 1
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// flushLines reads the line elements of a closed array: joined when they
// are all lines, else each alone.
func (l *lexer) flushLines(f *frame) {
	if f.Kind != Array || len(f.lines) == 0 {
		return
	}
	l.wordList(f)
	joined := len(f.lines) > 1
	for _, ln := range f.lines[:len(f.lines)-1] {
		if len(ln.text) == 0 || ln.text[len(ln.text)-1] != '\n' {
			joined = false // not lines: each element is text of its own
		}
	}
	if !joined {
		for _, ln := range f.lines {
			l.again(nil, 0, ln.text, ln.at, Quoted)
		}
		return
	}
	l.againLines(f)
}

// wordList yields an array of twelve or more one-word strings as one
// value, the words joined by spaces: a mnemonic kept as a list
// (["ill", "gas", …]).
func (l *lexer) wordList(f *frame) {
	n := len(f.lines)
	if n < 12 || n > 48 {
		return
	}
	var b []byte
	for i, ln := range f.lines {
		if len(ln.text) < 2 || len(ln.text) > 16 {
			return
		}
		for _, c := range ln.text {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				return
			}
		}
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, ln.text...)
	}
	at := span{f.lines[0].at.s, f.lines[n-1].at.e}
	name := f.Name
	l.emitOne(name, at.s, b, at, Quoted|Decoded, nil, -1)
}

// againLines reads the string elements of an array as one text, when they
// are lines (a notebook cell's "source": ["line\n", …]): a call or object
// that runs over several lines is then seen whole, with each pair mapped
// back to the element it came from.
func (l *lexer) againLines(f *frame) {
	if l.depth >= maxDepth || len(f.lines) < 2 {
		return
	}
	var joined []byte
	var segs []segment
	for _, ln := range f.lines {
		segs = append(segs, l.segmentFor(len(joined), ln.text, ln.at, Quoted))
		joined = append(joined, ln.text...)
	}
	if !holdsSeparator(joined) {
		return
	}
	c := l.child(joined, segs)
	l.runChild(c)
}

func holdsSeparator(b []byte) bool {
	for i, c := range b {
		if c == '=' || c == ':' || c == '$' && i+1 < len(b) && b[i+1] == '{' {
			return true
		}
	}
	return false
}
