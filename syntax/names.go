package syntax

// Names and bare values: identifiers, flags, $-references and ${…}
// expansions, and the bare values that follow a separator.

import "bytes"

// name reads a name token: an identifier with dots, dashes and :: inside.
func (l *lexer) name(i int) int {
	src := l.src
	s := i
	j := i + 1
	for j < len(src) {
		c := src[j]
		if nameCont[c] {
			j++
			continue
		}
		if c == '-' {
			if j+2 < len(src) && src[j+1] == '>' && nameStart[src[j+2]] {
				j += 2 // $exchange->password
			} else {
				j++
			}
			continue
		}
		if c == ':' && j+2 < len(src) && src[j+1] == ':' && nameStart[src[j+2]] {
			j += 2
			continue
		}
		if c == '\\' && j+1 < len(src) && nameStart[src[j+1]] {
			j++ // PHP namespaces: \ccxt\okx
			continue
		}
		break
	}
	for j > s+1 && (src[j-1] == '.' || src[j-1] == '-') {
		j--
	}
	tok := src[s:j]
	// A string prefix: r"…", b'…', f"…", rb"…", u'…' (Python), r#"…"# (Rust).
	if j < len(src) && (src[j] == '"' || src[j] == '\'') && isStringPrefix(tok) {
		return l.literal(s, j)
	}
	if j < len(src) && src[j] == '#' && (string(tok) == "r" || string(tok) == "br") {
		if k := j; k < len(src) {
			for k < len(src) && src[k] == '#' {
				k++
			}
			if k < len(src) && src[k] == '"' {
				return l.literal(s, j)
			}
		}
	}
	if tok[0] == '.' {
		tok = tok[1:]
		s++
	}
	l.lastTok = j
	if string(tok) == "new" && !followedBySeparator(src, j) {
		l.newAt = j // new Client(…): the callee keeps it
		return j
	}
	typeWord := isTypeWord(tok)
	if typeWord && l.pend != nil && l.exp == nil && l.adjacentSpace(l.pendEnd, s) {
		l.pendEnd = j // var apiKey string = …: the type is not the name
		return j
	}
	if typeWord && j < len(src) && src[j] == '[' {
		if k := skipBrackets(src, j); k > j && annotationEnds(src, k) {
			return k // api_secret: Optional[str] = "…", KEY: Final[str] = "…"
		}
	}
	if (typeWord || transparent(tok)) && !followedBySeparator(src, j) {
		if typeWord && l.pend != nil && l.adjacentSpace(l.pendEnd, s) {
			l.pendEnd = j // var apiKey string = …: the type is not the name
		}
		return j
	}
	next := byte(0)
	if j < len(src) {
		next = src[j]
	}
	if isOrWord(tok) && l.fallback != nil {
		l.setPending(l.fallback, l.fallAt, j)
		l.expect('|', false)
		return j
	}
	if x := l.exp; x != nil && l.expActive() {
		if (len(l.frames) > x.depth || x.newline) && followedBySeparator(src, j) {
			l.exp = nil // Client(api_key=…), new X({apiKey: …}): a member, not the value
		} else {
			return l.valueName(x, tok, s, j)
		}
	}
	if f := l.top(); f != nil {
		f.tokens++
		if f.closer == ')' || f.closer == ']' {
			f.lit = span{}
		}
		if f.accessors && !isAccessor(tok) {
			f.accessors = false
		}
	}
	if next == ' ' && !isKeyword(tok) {
		k := j
		for k < len(src) && src[k] == ' ' && k-j < 4 {
			k++
		}
		if k < len(src) && src[k] == '(' {
			l.pushCall(tok, j, nil) // ccxt.okx ({…}), array (…)
			return k + 1
		}
	}
	switch next {
	case '(':
		l.pushCall(tok, j, nil)
		return j + 1
	case '[':
		l.push(frame{Frame: Frame{Kind: Array, Name: tok}, indent: -1, closer: ']', subscr: true})
		return j + 1
	}
	l.setPending(tok, s, j)
	if isEnvRef(tok) {
		l.fallback, l.fallAt = tok, s
	}
	// Kotlin's "NAME" to VALUE is handled at the literal; a bare word "to"
	// after a pending quoted name acts as a separator.
	return j
}

// valueName handles a name token where a value is expected: a wrapper
// call (String::from("…"), os.getenv("NAME", "…")), a struct literal
// (Config{…}), an environment reference (process.env.NAME || "…"), a
// subscript, or a bare value.
func (l *lexer) valueName(x *expectation, tok []byte, s, j int) int {
	src := l.src
	next := byte(0)
	if j < len(src) {
		next = src[j]
	}
	x.fresh = false
	if next == ' ' && !isKeyword(tok) {
		k := j
		for k < len(src) && src[k] == ' ' && k-j < 4 {
			k++
		}
		if k < len(src) && src[k] == '(' {
			l.pushCall(tok, j, x) // exchange = ccxt.okx ({…})
			return k + 1
		}
	}
	if next == '[' && isTypeWord(tok) {
		if k := skipBrackets(src, j); k > j && annotationEnds(src, k) {
			return k // api_secret: Optional[str] = "…"
		}
	}
	if next == ' ' && isUpper(tok[0]) {
		k := j
		for k < len(src) && src[k] == ' ' {
			k++
		}
		if k < len(src) && src[k] == '{' {
			l.exp = nil
			l.setPending(tok, s, k) // Config { api_key: … } (Rust)
			return k
		}
	}
	if l.newAt > 0 && l.adjacentSpace(l.newAt, s) {
		// new BinanceSettings\n{ ApiKey = … }: the type names the object.
		k := j
		for k < len(src) && k-j < 64 && (src[k] == ' ' || src[k] == '\t' || src[k] == '\r' || src[k] == '\n') {
			k++
		}
		if k < len(src) && src[k] == '{' {
			l.exp = nil
			l.newAt = 0
			l.setPending(tok, s, k)
			return k
		}
	}
	switch {
	case next == '(':
		l.pushCall(tok, j, x)
		return j + 1
	case next == '{':
		l.exp = nil
		l.setPending(tok, s, j) // Config{…}: the type names the object
		return j
	case next == '[':
		l.exp = nil
		l.push(frame{Frame: Frame{Kind: Array, Name: tok}, indent: -1, closer: ']', subscr: true})
		return j + 1
	case next == '.' && j+1 < len(src) && nameStart[src[j+1]] || next == ':' && j+1 < len(src) && src[j+1] == ':':
		return j // a chain whose first literal is the value
	case isEnvRef(tok):
		l.exp = nil
		l.setPending(tok, s, j)
		l.fallback, l.fallAt = tok, s
		return j
	}
	e := bareEnd(src, s)
	if x.sep == '|' || len(l.frames) > x.depth {
		l.exp = nil // NewClient(apiKey, …): a variable, not the value
		return e
	}
	if x.sep == ':' && annotationEnds(src, e) || isTypeWord(tok) && e == j {
		return e // apiKey: string = "…", KEY: &str = "…": a type, then the value
	}
	l.exp = nil
	return l.emitBare(x, s, e)
}

// emitBare emits a bare value that ends at e as x's value. NAME="…" and
// NAME='…' run on into their quotes (--env NAME='…',
// --from-literal=NAME="…"): the value is then NAME=… without the quotes.
func (l *lexer) emitBare(x *expectation, s, e int) int {
	src := l.src
	if x.sep == ':' && !l.inBrackets() && e < len(src) && (src[e] == ' ' || src[e] == '\t') && l.keyStartsLine(x.nameAt) {
		// YAML's plain scalar runs to the end of the line (a comment
		// aside): seed_phrase: snake law under galaxy …
		k := e
		plain := true
	scan:
		for ; k < len(src) && k-s <= maxBare; k++ {
			switch src[k] {
			case '\n':
				break scan
			case '#':
				if src[k-1] == ' ' || src[k-1] == '\t' {
					break scan
				}
			case ':', '{', '}', '[', ']', '"', '\'', '`', '=':
				plain = false // code, or another member: not one scalar
				break scan
			}
		}
		v := bytes.TrimRight(src[s:k], " \t\r")
		if plain && len(v) > e-s && len(v) <= maxBare {
			l.emit(x.name, x.nameAt, v, span{s, s + len(v)}, 0, nil, -1)
			return k
		}
	}
	if e > s && e < len(src) && src[e-1] == '=' && (src[e] == '"' || src[e] == '\'') {
		if vs, ve, end, esc, ok := scanLiteral(src, e, e); ok {
			lit := src[vs:ve]
			if esc {
				lit = unescape(lit, src[e])
			}
			v := append(append(make([]byte, 0, e-s+len(lit)), src[s:e]...), lit...)
			if end-s <= maxBare {
				l.emit(x.name, x.nameAt, v, span{s, end}, Quoted, nil, -1)
			}
			l.lastTok = end
			return end
		}
	}
	if e-s <= maxBare {
		l.emit(x.name, x.nameAt, src[s:e], span{s, e}, 0, nil, -1)
		if k := schemeToken(src, s, e); k > e {
			// Authorization-style values, "SCHEME TOKEN" (X-Auth:
			// BITSTAMP <key>, Authorization: Bearer <token>): the pair
			// holds both words as well.
			l.emitOne(x.name, x.nameAt, src[s:k], span{s, k}, 0, nil, -1)
		}
	}
	return e
}

// schemeToken returns the end of "WORD TOKEN" when the bare value s..e is
// a word of 3 to 16 letters followed by one space and a token, else e.
func schemeToken(src []byte, s, e int) int {
	if e-s < 3 || e-s > 16 || e+1 >= len(src) || src[e] != ' ' {
		return e
	}
	for _, c := range src[s:e] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return e
		}
	}
	k := bareEnd(src, e+1)
	if k-(e+1) < 8 || k < len(src) && src[k-1] == ':' {
		return e
	}
	return k
}

// bare reads a bare value that does not start like a name.
func (l *lexer) bare(s int) int {
	x := l.exp
	e := bareEnd(l.src, s)
	if e == s {
		return s + 1
	}
	if x.sep == ':' && x.fresh {
		if k, ok := annotationLine(l.src, s); ok {
			x.fresh = false
			return k // KEY: &'static str = "…": a type, then the value
		}
	}
	if l.src[s] == '&' && e < len(l.src) && (l.src[e] == ' ' || l.src[e] == '\t') && e-s > 1 {
		return e // a YAML anchor: key: &name value
	}
	l.exp = nil
	l.lastTok = e
	if x.sep == '|' {
		return e
	}
	return l.emitBare(x, s, e)
}

// annotationEnds reports whether a type annotation ends at e: only blanks,
// then = (not ==).
func annotationEnds(src []byte, e int) bool {
	for e < len(src) && (src[e] == ' ' || src[e] == '\t') {
		e++
	}
	return e+1 < len(src) && src[e] == '=' && src[e+1] != '=' && src[e+1] != '>'
}

// annotationLine reports whether the text from s to an = (not == or =>)
// on the same line is a type (identifiers, &, ', <>, [], ::, ?, *),
// returning where the = is.
func annotationLine(src []byte, s int) (int, bool) {
	for k := s; k < len(src) && k-s < 128; k++ {
		c := src[k]
		switch {
		case c == '=':
			if k+1 < len(src) && (src[k+1] == '=' || src[k+1] == '>') {
				return 0, false
			}
			return k, k > s
		case nameByte[c], c == ' ', c == '\t', c == '&', c == '\'', c == '<', c == '>', c == '[', c == ']', c == ':',
			c == '?', c == '*', c == '.', c == ',':
		default:
			return 0, false
		}
	}
	return 0, false
}

// skipBrackets returns the offset after the bracket group opening at i
// ([…] on one line), or i when it does not close.
func skipBrackets(src []byte, i int) int {
	depth := 0
	for k := i; k < len(src) && k-i < 256; k++ {
		switch src[k] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return k + 1
			}
		case '\n':
			return i
		}
	}
	return i
}

// followedBySeparator reports whether a member separator follows a name
// that ends at j: = (not ==), => or : (not :: or ://).
func followedBySeparator(src []byte, j int) bool {
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j+1 >= len(src) {
		return false
	}
	switch src[j] {
	case '=':
		return src[j+1] != '='
	case ':':
		return src[j+1] != ':' && src[j+1] != '/'
	}
	return false
}

// pending records a token as a possible name.
func (l *lexer) setPending(tok []byte, s, e int) {
	l.pend, l.pendAt, l.pendEnd = tok, s, e
}

// expActive reports whether the expectation still applies at this depth.
func (l *lexer) expActive() bool {
	x := l.exp
	if x == nil {
		return false
	}
	if len(l.frames) < x.depth {
		l.exp = nil
		return false
	}
	if len(l.frames) > x.depth {
		f := l.top()
		return f != nil && f.wrapFor == x && f.tokens == 0
	}
	return true
}

// flagStart reports whether a '-' starts a command-line flag: --name or
// -n after white space.
func (l *lexer) flagStart(i int) bool {
	src := l.src
	if i > 0 && src[i-1] != ' ' && src[i-1] != '\t' {
		return false
	}
	j := i + 1
	if src[j] == '-' {
		j++
	}
	return j < len(src) && nameStart[src[j]]
}

// flag reads --name VALUE, --name=VALUE and -e VALUE.
func (l *lexer) flag(i int) int {
	src := l.src
	j := i + 1
	if src[j] == '-' {
		j++
	}
	s := j
	for j < len(src) && (nameByte[src[j]] || src[j] == '-' || src[j] == '.') {
		j++
	}
	l.lastTok = j
	if l.exp != nil && l.expActive() {
		// A value that begins with a dash: -----BEGIN is read at the literal;
		// a bare "-x" value is not a credential shape worth the confusion.
		l.exp = nil
	}
	l.setPending(src[s:j], s, j)
	if j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		k := j
		for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		if k < len(src) && src[k] != '-' && src[k] != '\n' && src[k] != '\r' && src[k] != '|' && src[k] != '\\' && src[k] != '=' {
			l.expect(' ', false)
		}
	}
	return j
}

// dollar handles $: ${NAME:-default}, ${{ … }}, $env:NAME (PowerShell),
// $NAME (shell, PHP), $"…" (C#).
func (l *lexer) dollar(i int) int {
	src := l.src
	j := i + 1
	if j >= len(src) {
		return j
	}
	// NAME=${OTHER}, NAME: ${{ secrets.X }}, NAME=$(cmd): a reference is
	// not NAME's value; a default inside ${…} is.
	var outer *expectation
	if x := l.exp; x != nil && l.expActive() && src[j] != '"' {
		cp := *x
		outer = &cp
		l.exp = nil
	}
	switch {
	case src[j] == '"':
		return l.literal(i, j)
	case src[j] == '{' && j+1 < len(src) && src[j+1] == '{':
		for k := j + 2; k+1 < len(src) && k < j+512; k++ {
			if src[k] == '}' && src[k+1] == '}' {
				return k + 2
			}
		}
		return j + 2
	case src[j] == '{':
		return l.paramExpansion(i, outer)
	case hasPrefixFold(src[j:], "env:") && j+4 < len(src) && nameStart[src[j+4]]:
		return l.name(j + 4)
	case nameStart[src[j]]:
		return l.name(j)
	}
	return j
}

// paramExpansion reads ${NAME:-default}, ${NAME-default}, ${NAME:=default}
// and ${NAME=default}: the default is NAME's value.
func (l *lexer) paramExpansion(i int, outer *expectation) int {
	src := l.src
	j := i + 2
	s := j
	for j < len(src) && (nameByte[src[j]] || src[j] == '.' || src[j] == '-') {
		j++
	}
	// A dash is part of a dotted (Spring) property name, ${a.b-c:default},
	// and shell's operator otherwise, ${NAME-default}.
	if d := bytes.IndexByte(src[s:j], '-'); d >= 0 && bytes.IndexByte(src[s:j], '.') < 0 {
		j = s + d
	}
	if j == s || j >= len(src) {
		return j
	}
	name := src[s:j]
	k := j
	if src[k] == ':' {
		k++
		if k < len(src) && src[k] != '-' && src[k] != '=' && src[k] != '?' && src[k] != '+' && src[k] != ' ' && !('0' <= src[k] && src[k] <= '9') {
			k-- // Spring's ${binance.api-key:default}, ${KEY:default} (not bash's ${X:3})
			src = l.src
			goto deflt
		}
	}
	if k >= len(src) || (src[k] != '-' && src[k] != '=') {
		if src[j] == '}' {
			l.lastTok = j + 1
			return j + 1
		}
		return j
	}
deflt:
	k++
	vs := k
	depth := 0
	for k < len(src) && k-vs < maxBare && src[k] != '\n' {
		if src[k] == '{' {
			depth++
		} else if src[k] == '}' {
			if depth == 0 {
				break
			}
			depth--
		}
		k++
	}
	if k >= len(src) || src[k] != '}' {
		if k-vs >= maxBare {
			return k // a bounded scan is not repeated for the next ${
		}
		return j
	}
	v := trimQuotes(src[vs:k])
	at := vs
	if len(v) < k-vs {
		at = vs + 1
	}
	l.emit(name, s, v, span{at, at + len(v)}, 0, nil, -1)
	if outer != nil {
		l.emit(outer.name, outer.nameAt, v, span{at, at + len(v)}, 0, nil, -1)
	}
	l.lastTok = k + 1
	return k + 1
}
