package syntax

// Separators between a name and its value (=, :, :=, =>, to), symbols,
// and fallback operators (||, ??, or).

func (l *lexer) separator(i int) int {
	src := l.src
	c := src[i]
	n := i + 1
	if c == ':' {
		if n < len(src) && src[n] == ':' {
			return n + 1 // a path separator, not a member
		}
		if n < len(src) && src[n] == '=' {
			n++ // :=
		}
	} else {
		if i > 0 && (src[i-1] == '!' || src[i-1] == '<' || src[i-1] == '>') {
			return n
		}
		for n < len(src) && n < i+3 && src[n] == '=' {
			n++ // == and ===: a comparison with a literal still shows the value
		}
		if n < len(src) && src[n] == '>' {
			n++ // =>
		}
	}
	if c == ':' && n < len(src) && nameStart[src[n]] && i > 0 && (src[i-1] == '(' || src[i-1] == ',' || src[i-1] == ' ' || src[i-1] == '[' || src[i-1] == '{') &&
		(l.pend == nil || !l.adjacent(l.pendEnd, i)) {
		return l.atom(i) // Elixir's and Ruby's :api_key
	}
	if c == ':' && n == i+1 && l.depth > 0 && n < len(src) && src[n] != ' ' && src[n] != '\t' && src[n] != '"' && src[n] != '\'' && src[n] != '\n' {
		l.pend = nil // inside a value, bot:1.4 is not a member
		return n
	}
	if l.pend == nil || !l.adjacent(l.pendEnd, i) {
		if x := l.exp; x != nil && l.expActive() && c == '=' && !x.fresh {
			return n // apiKey: string = "…": the annotation kept the name
		}
		l.pend = nil
		return n
	}
	name, at := l.pend, l.pendAt
	l.pend = nil
	sep := c
	if c == ':' && n == i+2 {
		sep = '=' // :=
	}
	// YAML: NAME: at the end of its line opens a mapping or a block scalar.
	if c == ':' && n == i+1 {
		k := n
		for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		if k >= len(src) || src[k] == '\n' || src[k] == '\r' || (src[k] == '#' && k > n) {
			if !l.inBrackets() {
				l.push(frame{Frame: Frame{Kind: Indent, Name: name}, indent: l.indent})
			}
			return k
		}
		if src[k] == '|' || src[k] == '>' {
			if e, ok := l.blockScalar(name, at, k); ok {
				return e
			}
		}
	}
	l.exp = l.newExpectation()
	*l.exp = expectation{name: name, nameAt: at, depth: len(l.frames), sep: sep, fresh: true}
	l.lastTok = n
	return n
}

// atom reads a symbol (:api_key) as a string: a name when a separator
// follows (:secret => "…"), else a value or an argument
// (Config.set(:api_key, "…")).
func (l *lexer) atom(i int) int {
	src := l.src
	s := i + 1
	e := s
	for e < len(src) && (nameByte[src[e]] || src[e] == '?' || src[e] == '!') {
		e++
	}
	l.lastTok = e
	k := e
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	if k+1 < len(src) && src[k] == '=' && src[k+1] == '>' {
		l.countToken()
		l.setPending(src[s:e], s, e)
		return e
	}
	l.value(src[s:e], span{s, e}, Quoted)
	return e
}

// adjacent reports whether only blanks (and closing quotes or brackets
// of the name) stand between a name that ends at e and a separator at i.
func (l *lexer) adjacent(e, i int) bool {
	if i-e > 64 {
		return false
	}
	for k := e; k < i; k++ {
		switch l.src[k] {
		case ' ', '\t', '"', '\'', ']', '`':
		default:
			return false
		}
	}
	return true
}

// adjacentSpace reports whether only blanks stand between e and i.
func (l *lexer) adjacentSpace(e, i int) bool {
	if e < 0 || i < e || i-e > 16 {
		return false
	}
	for k := e; k < i; k++ {
		if l.src[k] != ' ' && l.src[k] != '\t' {
			return false
		}
	}
	return true
}

func (l *lexer) expect(sep byte, newline bool) {
	if l.pend == nil {
		return
	}
	l.exp = l.newExpectation()
	*l.exp = expectation{name: l.pend, nameAt: l.pendAt, depth: len(l.frames), sep: sep, fresh: true, newline: newline}
	l.pend = nil
}

// newExpectation returns a new expectation from the lexer's slab: a
// separator is frequent, an allocation for each is not free.
func (l *lexer) newExpectation() *expectation {
	if len(l.expSlab) == cap(l.expSlab) {
		// A new slab: earlier ones live on while referenced. Slabs grow
		// from 4 to 64 (a child lexer reading one value needs one or two).
		l.expSlab = make([]expectation, 0, min(64, max(4, 2*cap(l.expSlab))))
	}
	l.expSlab = l.expSlab[:len(l.expSlab)+1]
	return &l.expSlab[len(l.expSlab)-1]
}

// fallbackOp handles ||, ?? and ?: after a name: the value that follows is
// the name's fallback.
func (l *lexer) fallbackOp(i int) int {
	src := l.src
	if i+1 >= len(src) {
		return i + 1
	}
	c, d := src[i], src[i+1]
	if !(c == '|' && d == '|' || c == '?' && (d == '?' || d == ':')) {
		return i + 1
	}
	name, at := l.pend, l.pendAt
	if name == nil || !l.adjacent(l.pendEnd, i) {
		name, at = l.fallback, l.fallAt
	}
	if name != nil {
		l.setPending(name, at, i)
		l.expect('|', false)
	}
	return i + 2
}
