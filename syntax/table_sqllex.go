package syntax

import "bytes"

// The tokens of the SQL reader: spaces and comments, keywords,
// identifiers, literals, and expressions skipped whole.

// lit is a string or number literal: its text [s, e) (inside the
// quotes), the quote (0 for a number), whether backslashes escape, and
// whether it holds escapes to decode.
type lit struct {
	s, e, next int
	quote      byte
	bs, esc    bool
}

// identByte reports whether c can continue an identifier.
func identByte(c byte) bool { return identTable[c] }

// identTable holds the bytes that can continue an identifier (never
// written after initialisation).
var identTable = func() (tab [256]bool) {
	for c := range tab {
		tab[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80
	}
	return tab
}()

// isBare reports whether c can start a bare identifier.
func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// skip returns the position after the spaces and comments at j.
func (t *tableScanner) skip(j int) int {
	src := t.src
	for j < len(src) {
		switch c := src[j]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			j++
		case c == '-' && j+1 < len(src) && src[j+1] == '-':
			j = lineEnd(src, j)
		case c == '/' && j+1 < len(src) && src[j+1] == '*':
			if j+2 < len(src) && src[j+2] == '!' {
				t.mysql = true
			}
			k := bytes.Index(src[j+2:], []byte("*/"))
			if k < 0 {
				return len(src)
			}
			j += k + 4
		default:
			return j
		}
	}
	return j
}

// isWord reports whether the keyword w (lower case) is at i, whole.
func (t *tableScanner) isWord(i int, w string) bool {
	src := t.src
	if i+len(w) > len(src) || i+len(w) < len(src) && identByte(src[i+len(w)]) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if src[i+k]|0x20 != w[k] {
			return false
		}
	}
	return true
}

// word returns the position after the keyword w at j, or j and false.
func (t *tableScanner) word(j int, w string) (int, bool) {
	if t.isWord(j, w) {
		return j + len(w), true
	}
	return j, false
}

// anyWord returns the position after whichever of words is at j.
func (t *tableScanner) anyWord(j int, words ...string) (int, bool) {
	if j >= len(t.src) || !isBare(t.src[j]) {
		return j, false
	}
	for _, w := range words {
		if t.isWord(j, w) {
			return j + len(w), true
		}
	}
	return j, false
}

// ident reads an identifier at j: bare, "quoted", `quoted` or [quoted].
// Its cellSpan is inside the quotes; next is where it stopped.
func (t *tableScanner) ident(j int) (sp cellSpan, next int, ok bool) {
	src := t.src
	if j >= len(src) {
		return cellSpan{}, j, false
	}
	var closer byte
	switch src[j] {
	case '"':
		closer = '"'
	case '`':
		closer, t.mysql = '`', true
	case '[':
		closer = ']'
	default:
		k := j
		for k < len(src) && identByte(src[k]) {
			k++
		}
		if !isBare(src[j]) || k-j > maxSQLIdent {
			return cellSpan{}, k, false
		}
		return cellSpan{s: j, e: k}, k, true
	}
	end := min(len(src), j+2+maxSQLIdent)
	k := bytes.IndexByte(src[j+1:end], closer)
	if k <= 0 || bytes.IndexByte(src[j+1:j+1+k], '\n') >= 0 {
		return cellSpan{}, j + 1, false
	}
	return cellSpan{s: j + 1, e: j + 1 + k, quoted: true}, j + 2 + k, true
}

// qname reads a qualified name (a.b.c) at j and returns its last part.
func (t *tableScanner) qname(j int) ([]byte, int, bool) {
	sp, next, ok := t.ident(j)
	for k := 0; ok && k < 2 && next < len(t.src) && t.src[next] == '.'; k++ {
		sp, next, ok = t.ident(next + 1)
	}
	if !ok {
		return nil, next, false
	}
	return t.src[sp.s:sp.e], next, true
}

// literal reads a string ('…', "…", N'…', E'…') or number at j.
func (t *tableScanner) literal(j int) (lit, bool) {
	src := t.src
	if j >= len(src) {
		return lit{}, false
	}
	switch c := src[j]; {
	case c == '\'' || c == '"':
		return t.str(j, c, t.mysql)
	case j+1 < len(src) && src[j+1] == '\'' && (c|0x20 == 'n' || c|0x20 == 'e'):
		return t.str(j+1, '\'', t.mysql || c|0x20 == 'e')
	}
	k := j
	if src[k] == '-' || src[k] == '+' {
		k++
	}
	digits := 0
	for ; k < len(src) && (src[k] >= '0' && src[k] <= '9' || src[k] == '.'); k++ {
		if src[k] != '.' {
			digits++
		}
	}
	if digits > 0 && k+1 < len(src) && src[k]|0x20 == 'e' && (src[k+1] >= '0' && src[k+1] <= '9' || src[k+1] == '-' || src[k+1] == '+') {
		for k += 2; k < len(src) && src[k] >= '0' && src[k] <= '9'; k++ {
		}
	}
	if digits == 0 || k < len(src) && identByte(src[k]) {
		return lit{}, false
	}
	return lit{s: j, e: k, next: k}, true
}

// str reads the string whose quote q is at j; a doubled quote, and a
// backslash when bs, escape. It fails if the string is not closed.
func (t *tableScanner) str(j int, q byte, bs bool) (lit, bool) {
	src := t.src
	l := lit{s: j + 1, quote: q, bs: bs}
	for k := j + 1; k < len(src); k++ {
		if !bs {
			i := bytes.IndexByte(src[k:], q)
			if i < 0 {
				break
			}
			k += i
		}
		switch src[k] {
		case '\\':
			if bs {
				l.esc = true
				k++
			}
		case q:
			if k+1 < len(src) && src[k+1] == q {
				l.esc = true
				k++
				continue
			}
			l.e, l.next = k, k+1
			return l, true
		}
	}
	l.e, l.next = len(src), len(src)
	return l, false
}

// skipCast returns the position after the casts (::type, ::type(n),
// ::type[]) at k.
func (t *tableScanner) skipCast(k int) int {
	src := t.src
	for k+1 < len(src) && src[k] == ':' && src[k+1] == ':' {
		_, next, ok := t.ident(t.skip(k + 2))
		if !ok {
			return next
		}
		k = t.skip(next)
		if k < len(src) && src[k] == '(' {
			if e := bytes.IndexByte(src[k:min(len(src), k+32)], ')'); e > 0 {
				k = t.skip(k + e + 1)
			}
		}
		if k+1 < len(src) && src[k] == '[' && src[k+1] == ']' {
			k = t.skip(k + 2)
		}
	}
	return k
}

// skipExpr returns the position of the ',' or ')' ending the expression
// at j (nesting, strings and comments skipped), of a ';', or len(src).
func (t *tableScanner) skipExpr(j int) int {
	src := t.src
	depth := 0
	for k := j; k < len(src); {
		switch c := src[k]; c {
		case '(':
			depth++
			k++
		case ')', ',':
			if depth == 0 {
				return k
			}
			if c == ')' {
				depth--
			}
			k++
		case ';':
			return k
		case '\'', '"', '`':
			l, ok := t.str(k, c, c != '`' && t.mysql)
			if !ok {
				return len(src)
			}
			k = l.next
		case '-', '/':
			if n := t.skip(k); n > k {
				k = n
			} else {
				k++
			}
		default:
			k++
		}
	}
	return len(src)
}

// unescape returns the literal's text with its escapes decoded.
func (t *tableScanner) unescape(v []byte, l lit) []byte {
	t.buf = t.buf[:0]
	for k := 0; k < len(v); k++ {
		c := v[k]
		switch {
		case l.bs && c == '\\' && k+1 < len(v):
			k++
			switch c = v[k]; c {
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			case 'r':
				c = '\r'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'v':
				c = '\v'
			case '0':
				c = 0
			case 'Z':
				c = 0x1a
			case '%', '_':
				if l.quote != 0 { // MySQL keeps these escaped
					t.buf = append(t.buf, '\\')
				}
			}
		case l.quote != 0 && c == l.quote && k+1 < len(v) && v[k+1] == l.quote:
			k++
		}
		t.buf = append(t.buf, c)
	}
	return t.buf
}
