package syntax

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The universal lexer: one pass over the bytes, recognising the
// constructs listed in the package documentation. It never backtracks
// more than a line and keeps O(1) state per open scope, so its cost is
// linear in the input.

// Bounds on what one scan keeps or revisits.
const (
	maxFrames  = 64       // open scopes kept; deeper ones are counted, not kept
	maxLiteral = 64 << 10 // a quoted literal longer than this is not taken as one
	maxBare    = 4 << 10  // a bare value longer than this is not emitted
	maxDepth   = 2        // values read again inside values (escaped, base64, NAME=VALUE)
	maxMember  = 256      // longest value kept as a name/value member
)

type span struct{ s, e int }

func (s span) ok() bool { return s.e > s.s }

// frame is an open scope and its per-scope state.
type frame struct {
	Frame
	indent  int  // column of an Indent, Item or Section scope; -1 for brackets
	closer  byte // '}', ']', ')' for bracket scopes, 0 otherwise
	subscr  bool // a subscript: x["NAME"]
	arg     int  // Call and Array: index of the current argument or element
	tokens  int  // tokens seen inside (a subscript or wrapper needs exactly one literal)
	lit     span // the last literal argument (subscripts, NAME, VALUE argument pairs)
	litArg  int  // its argument index
	litVal  []byte
	envCall bool // a getenv-like call: its first literal names a variable
	orCall  bool // a fallback method: .unwrap_or(…), .getOrElse(…)
	wrapFor *expectation
	// accessors: an object whose tokens so far are only get; set; init;
	// (a C# property); nameAt is where its name was.
	accessors bool
	nameAt    int
	// Members whose name and value are separate siblings.
	memName, memVal []byte
	memNameAt       int
	memValAt        span
	memDone         bool
	// lines are the string elements of an array, read together when all
	// but the last end with a line break (notebook cells); lineBytes is
	// their total size.
	lines     []lineElem
	lineBytes int
}

type lineElem struct {
	text []byte
	at   span
}

// expectation is a name waiting for its value after a separator.
type expectation struct {
	name    []byte
	nameAt  int
	depth   int  // len(frames) when the separator was seen
	sep     byte // '=', ':', '>', ' ' (flag), '|' (fallback)
	fresh   bool // nothing but white space since the separator
	newline bool // the separator ended its line: the value may be on the next
}

type lexer struct {
	src    []byte
	fn     func(*Pair)
	frames []frame
	over   int // scopes opened past maxFrames, not kept
	nextID *int

	// Recursion: values read again are scanned by a child lexer whose
	// pairs take the span of the outer value they came from and sit in
	// the outer scopes. A child may read several values joined (the lines
	// of a notebook cell): segs maps its offsets back to each value.
	depth  int
	segs   []segment
	parent *lexer
	base   []Frame

	pend     []byte // a name a separator may follow
	pendAt   int
	pendEnd  int // offset just past the pending name
	exp      *expectation
	newAt    int    // just past a "new" keyword, 0 if none
	label    []byte // the last string outside any value (an HCL block label)
	labelEnd int
	fallback []byte // an environment variable name whose fallback value may follow
	fallAt   int
	lastTok  int // offset just past the last token
	lineBeg  int
	indent   int
	bol      bool

	// noQuote[q] is where the last failed literal of quote q stopped
	// looking: a quote of the same kind before it is text, so that a line
	// of unmatched quotes costs one scan, not one per quote.
	noQuote [3]int

	// root gathers the lines of a multi-line string outside any list.
	root    frame
	rootEnd int

	flagsIn Flags // flags every pair of this (child) lexer carries

	view   []Frame
	viewOK bool
	cut    int // when >= 0, pairs see only this many of the lexer's scopes
	pair   Pair
}

func newLexer(src []byte, fn func(*Pair)) *lexer {
	id := 0
	return &lexer{src: src, fn: fn, nextID: &id, bol: true, cut: -1}
}

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

func (l *lexer) child(src []byte, segs []segment) *lexer {
	c := &lexer{src: src, fn: l.fn, nextID: l.nextID, depth: l.depth + 1, segs: segs, bol: true, cut: -1, parent: l}
	c.base = l.frameView() // not changed while the child runs
	return c
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

func (l *lexer) run() {
	src := l.src
	i := 0
	if len(src) >= 3 && src[0] == 0xef && src[1] == 0xbb && src[2] == 0xbf {
		i = 3 // a UTF-8 byte order mark is not part of the first name
	}
	for i < len(src) {
		if l.bol {
			i = l.lineStart(i)
			continue
		}
		c := src[i]
		switch {
		case c == '\n':
			l.endLine()
			i++
			l.bol = true
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '"' || c == '\'' || c == '`':
			i = l.literal(i, i)
		case nameStart[c] || (c == '.' && i+1 < len(src) && nameStart[src[i+1]] && i > 0 && (src[i-1] == ')' || src[i-1] == ']' || nameByte[src[i-1]])) ||
			(c == '\\' && i+1 < len(src) && nameStart[src[i+1]] && (i == 0 || !nameByte[src[i-1]])):
			i = l.name(i)
		case c == '-' && i+1 < len(src) && l.flagStart(i):
			i = l.flag(i)
		case c == '$':
			i = l.dollar(i)
		case c == '@' && i+1 < len(src) && src[i+1] == '"':
			i = l.literal(i, i+1)
		case c == '=' || c == ':':
			i = l.separator(i)
		case c == '|' || c == '?':
			i = l.fallbackOp(i)
		case c == '{' || c == '[' || c == '(':
			i = l.open(i)
		case c == '}' || c == ']' || c == ')':
			l.lastTok = i + 1
			l.close(c)
			i++
		case c == ',' || c == ';':
			l.comma(c)
			i++
		case c == '<' && i+2 < len(src) && src[i+1] == '<' && l.exp != nil && l.expActive():
			i = l.heredoc(i)
		case c == '<':
			i = l.angle(i)
		case (c == '&' || c == '*') && l.exp != nil && l.exp.sep == ':' && l.exp.fresh && l.expActive() && i+1 < len(src) && nameStart[src[i+1]]:
			// YAML: key: &anchor value names the value; key: *alias refers
			// to one defined elsewhere (not a value here).
			k := i + 1
			for k < len(src) && (nameByte[src[k]] || src[k] == '-' || src[k] == '.') {
				k++
			}
			if c == '*' {
				l.exp = nil
			}
			i = k
		case c == '@' && i+1 < len(src) && (src[i+1] == '{' || src[i+1] == '('):
			i++ // PowerShell's @{…} and @(…)
		case (c == '&' || c == '*') && i+1 < len(src) && nameStart[src[i+1]] && (i == 0 || !nameByte[src[i-1]]):
			i++ // &okx.Config{…}, *cfg: the sigil is not part of the name
		default:
			if l.exp != nil && l.expActive() && c > ' ' && c < 0x7f {
				i = l.bare(i) // a value that starts with a digit or a sign: 0fdca03f-…, +abc/…
			} else {
				i++
			}
		}
	}
	l.finish()
}

// finish closes every open scope (their members may still pair).
func (l *lexer) finish() {
	for len(l.frames) > 0 {
		f := l.frames[len(l.frames)-1]
		l.pop()
		l.flushLines(&f)
	}
	l.flushLines(&l.root)
}

// onlyCommas reports whether src[from:to] holds nothing but white space
// and commas (and the quote that closed the previous literal).
func (l *lexer) onlyCommas(from, to int) bool {
	if from < 0 || to > len(l.src) || to-from > 256 {
		return false
	}
	for k := from; k < to; k++ {
		switch l.src[k] {
		case ' ', '\t', '\r', '\n', ',', '"', '\'':
		default:
			return false
		}
	}
	return true
}

// ---- lines and indentation ----

// lineStart handles the beginning of a line: indentation scopes (YAML),
// list items, section headers, line keywords. It returns where ordinary
// lexing goes on.
func (l *lexer) lineStart(i int) int {
	l.bol = false
	l.lineBeg = i
	src := l.src
	j := i
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j >= len(src) || src[j] == '\n' || src[j] == '\r' {
		return j // blank: scopes stay open
	}
	if src[j] == '#' && (j+1 >= len(src) || src[j+1] == ' ' || src[j+1] == '#' || src[j+1] == '\n') {
		return j // a comment line does not close YAML scopes; its text is still read
	}
	col := j - i
	l.indent = col
	l.popIndents(col)
	// A list item: "- " opens an anonymous scope at the dash's column.
	if src[j] == '-' && (j+1 >= len(src) || src[j+1] == ' ' || src[j+1] == '\n' || src[j+1] == '\r') && !l.inBrackets() {
		l.push(frame{Frame: Frame{Kind: Item}, indent: col})
		k := j + 1
		for k < len(src) && src[k] == ' ' {
			k++
		}
		l.indent = k - i
		return k
	}
	if src[j] == '[' && !l.inBrackets() {
		if e, name, ok := sectionHeader(src, j); ok {
			l.popKinds(Section)
			l.push(frame{Frame: Frame{Kind: Section, Name: name}, indent: col})
			return e
		}
	}
	if e, ok := l.lineKeyword(j); ok {
		return e
	}
	if src[j] == '@' && j+1 < len(src) && nameStart[src[j+1]] {
		// Elixir's module attributes: @api_key "…".
		k := j + 1
		for k < len(src) && nameByte[src[k]] {
			k++
		}
		m := k
		for m < len(src) && (src[m] == ' ' || src[m] == '\t') {
			m++
		}
		if m > k && m < len(src) && (src[m] == '"' || src[m] == '\'') {
			l.setPending(src[j+1:k], j+1, k)
			l.expect(' ', false)
			return m
		}
	}
	return j
}

// popIndents closes the indentation scopes a line at column col leaves.
func (l *lexer) popIndents(col int) {
	for len(l.frames) > 0 {
		f := &l.frames[len(l.frames)-1]
		if (f.Kind != Indent && f.Kind != Item) || f.indent < col {
			return
		}
		l.pop()
	}
}

// popKinds closes scopes up to and including the last one of kind k, when
// only indentation scopes are above it (a new [section] ends the last).
func (l *lexer) popKinds(k FrameKind) {
	for n := len(l.frames) - 1; n >= 0; n-- {
		switch l.frames[n].Kind {
		case k:
			for len(l.frames) > n {
				l.pop()
			}
			return
		case Indent, Item:
			continue
		default:
			return
		}
	}
}

func (l *lexer) inBrackets() bool {
	for n := len(l.frames) - 1; n >= 0; n-- {
		if l.frames[n].closer != 0 {
			return true
		}
	}
	return false
}

// sectionHeader recognises a TOML/INI header line: [name], [a.b],
// [[array]], ["quoted"], then only a comment.
func sectionHeader(src []byte, i int) (end int, name []byte, ok bool) {
	j := i + 1
	double := j < len(src) && src[j] == '['
	if double {
		j++
	}
	s := j
	for j < len(src) && src[j] != ']' && src[j] != '\n' {
		c := src[j]
		if !(nameByte[c] || c == ' ' || c == '"' || c == '\'' || c == '.' || c == '-' || c == '/' || c == ':' || c >= 0x80) {
			return 0, nil, false
		}
		j++
	}
	if j >= len(src) || src[j] != ']' || j == s {
		return 0, nil, false
	}
	name = trimQuotes(trimSpace(src[s:j]))
	j++
	if double {
		if j >= len(src) || src[j] != ']' {
			return 0, nil, false
		}
		j++
	}
	k := j
	for k < len(src) && (src[k] == ' ' || src[k] == '\t' || src[k] == '\r') {
		k++
	}
	if k < len(src) && src[k] != '\n' && src[k] != '#' && src[k] != ';' {
		return 0, nil, false
	}
	if len(name) == 0 {
		return 0, nil, false
	}
	return j, name, true
}

// lineKeyword handles keywords that start a line and take a name and a
// value separated by white space: Dockerfile's legacy ENV NAME value,
// Windows' setx NAME value, Apache's SetEnv NAME value.
func (l *lexer) lineKeyword(j int) (int, bool) {
	src := l.src
	kwEnd := j
	for kwEnd < len(src) && nameByte[src[kwEnd]] {
		kwEnd++
	}
	switch string(src[j:kwEnd]) {
	case "ENV", "setx", "SetEnv", "env":
	default:
		return 0, false
	}
	k := kwEnd
	if k >= len(src) || (src[k] != ' ' && src[k] != '\t') {
		return 0, false
	}
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	ns := k
	for k < len(src) && (nameByte[src[k]] || src[k] == '.' || src[k] == '-') {
		k++
	}
	if k == ns || k >= len(src) || (src[k] != ' ' && src[k] != '\t') {
		return 0, false // ENV NAME=value: the ordinary rules read it
	}
	name := src[ns:k]
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	if k >= len(src) || src[k] == '\n' || src[k] == '\r' {
		return 0, false
	}
	if src[k] == '"' || src[k] == '\'' {
		l.setPending(name, ns, ns+len(name))
		l.expect(' ', false)
		return k, true
	}
	e := k
	for e < len(src) && src[e] != '\n' && src[e] != '\r' {
		e++
	}
	v := trimSpace(src[k:e])
	l.emit(name, ns, v, span{k, k + len(v)}, 0, nil, -1)
	return e, true
}

func (l *lexer) endLine() {
	if x := l.exp; x != nil {
		if x.fresh && x.sep != ':' && x.sep != ' ' && !x.newline {
			x.newline = true // NAME =\n  "value"
		} else {
			l.exp = nil
		}
	}
	l.pend = nil
	if len(l.frames) == 0 || !l.inBrackets() {
		l.fallback = nil
	}
}

// ---- names ----

// name reads a name token: an identifier with dots, dashes and :: inside.
func (l *lexer) name(i int) int {
	src := l.src
	s := i
	j := i + 1
	for j < len(src) {
		c := src[j]
		if c == '-' && j+2 < len(src) && src[j+1] == '>' && nameStart[src[j+2]] {
			j += 2 // $exchange->password
			continue
		}
		if nameByte[c] || c == '.' || c == '-' || c == '$' {
			j++
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
	if isTypeWord(tok) && l.pend != nil && l.exp == nil && l.adjacentSpace(l.pendEnd, s) {
		l.pendEnd = j // var apiKey string = …: the type is not the name
		return j
	}
	if isTypeWord(tok) && j < len(src) && src[j] == '[' {
		if k := skipBrackets(src, j); k > j && annotationEnds(src, k) {
			return k // api_secret: Optional[str] = "…", KEY: Final[str] = "…"
		}
	}
	if transparent(tok) && !followedBySeparator(src, j) {
		if isTypeWord(tok) && l.pend != nil && l.adjacentSpace(l.pendEnd, s) {
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

// keyStartsLine reports whether a name at offset at is the first thing on
// its line (after indentation, a list dash or a quote): a YAML key.
func (l *lexer) keyStartsLine(at int) bool {
	if at < l.lineBeg || at > len(l.src) {
		return false
	}
	for _, c := range l.src[l.lineBeg:at] {
		if c != ' ' && c != '\t' && c != '-' && c != '"' && c != '\'' {
			return false
		}
	}
	return true
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

// ---- separators and operators ----

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
	l.exp = new(expectation)
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
	l.exp = new(expectation)
	*l.exp = expectation{name: l.pend, nameAt: l.pendAt, depth: len(l.frames), sep: sep, fresh: true, newline: newline}
	l.pend = nil
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

// blockScalar reads a YAML block scalar (NAME: | or NAME: >) whose lines
// are indented deeper than the key: a PEM key, a multi-line secret.
func (l *lexer) blockScalar(name []byte, at, k int) (int, bool) {
	src := l.src
	folded := src[k] == '>'
	chomp := byte(0) // '-' strip, '+' keep, 0 clip: one final line break
	e := k + 1
	for e < len(src) && src[e] != '\n' {
		c := src[e]
		if c != '-' && c != '+' && c != ' ' && c != '\t' && c != '\r' && (c < '0' || c > '9') {
			if c == '#' {
				break
			}
			return 0, false
		}
		if c == '-' || c == '+' {
			chomp = c
		}
		e++
	}
	for e < len(src) && src[e] != '\n' {
		e++
	}
	if e >= len(src) {
		return 0, false
	}
	start := e + 1
	end := start
	var b []byte
	p := start
	for p < len(src) {
		q := p
		for q < len(src) && src[q] != '\n' {
			q++
		}
		line := src[p:q]
		ind := 0
		for ind < len(line) && (line[ind] == ' ' || line[ind] == '\t') {
			ind++
		}
		blank := len(trimSpace(line)) == 0
		if !blank && ind <= l.indent {
			break
		}
		if end-start > maxLiteral {
			return 0, false
		}
		if !blank {
			if len(b) == 0 {
				start = p + ind // the span starts where the text does
			}
			b = append(b, trimSpace(line)...)
			b = append(b, '\n')
			end = q
		}
		p = q + 1
	}
	if len(b) == 0 {
		return 0, false
	}
	if folded {
		// > joins lines with spaces (the last line break stays).
		for i := 0; i < len(b)-1; i++ {
			if b[i] == '\n' {
				b[i] = ' '
			}
		}
	}
	switch chomp {
	case '-':
		b = b[:len(b)-1]
	}
	l.emit(name, at, b, span{start, end}, Decoded, nil, -1)
	return end, true
}

// heredoc reads a here-document as a value: NAME = <<-EOT … EOT (HCL,
// shell, Ruby, PHP), the marker optionally quoted; <<- and <<~ strip the
// indentation.
func (l *lexer) heredoc(i int) int {
	src := l.src
	x := l.exp
	k := i + 2
	indented := k < len(src) && (src[k] == '-' || src[k] == '~')
	if indented {
		k++
	}
	q := byte(0)
	if k < len(src) && (src[k] == '\'' || src[k] == '"') {
		q = src[k]
		k++
	}
	ms := k
	for k < len(src) && (nameByte[src[k]] || src[k] == '-') {
		k++
	}
	marker := src[ms:k]
	if len(marker) == 0 {
		return i + 2
	}
	if q != 0 && k < len(src) && src[k] == q {
		k++
	}
	for k < len(src) && src[k] != '\n' {
		k++
	}
	start := k + 1
	var b []byte
	for p := start; p < len(src) && p-start <= maxLiteral; {
		e := p
		for e < len(src) && src[e] != '\n' {
			e++
		}
		line := src[p:e]
		if string(bytes.TrimSpace(line)) == string(marker) {
			l.exp = nil
			l.emit(x.name, x.nameAt, b, span{start, p}, Quoted|Decoded, nil, -1)
			return e
		}
		if indented {
			line = bytes.TrimLeft(line, " \t")
		}
		b = append(append(b, line...), '\n')
		p = e + 1
	}
	return i + 2
}

// ---- brackets ----

func (l *lexer) open(i int) int {
	src := l.src
	c := src[i]
	l.lastTok = i + 1
	x := l.exp
	active := x != nil && l.expActive()
	switch c {
	case '{':
		f := frame{Frame: Frame{Kind: Object}, indent: -1, closer: '}'}
		switch {
		case active:
			if t := l.top(); t != nil && t.Kind == Call && t.wrapFor == x && t.tokens == 0 {
				f.Name = t.Name // ex = new ccxt.okx({…}): the call names the object
				l.exp = nil
				break
			}
			f.Name = x.name
			f.wrapFor = x // NAME = {"value"} (JSX, templates): the first literal may be the value
			x.fresh = false
		case l.pend != nil && l.adjacent(l.pendEnd, i):
			f.Name = l.pend // Config{…}, binance.Options{…}
			f.nameAt = l.pendAt
			f.accessors = true
		case l.label != nil && l.adjacentSpace(l.labelEnd, i):
			f.Name = l.label // HCL: variable "okx_api_key" {…}
		default:
			if t := l.top(); t != nil && t.Kind == Call && t.tokens == 0 {
				f.Name = t.Name // ccxt.okx({…}), new Client({…})
			}
		}
		l.pend = nil
		l.push(f)
	case '[':
		if i > 0 && (src[i-1] == ']' || src[i-1] == ')') && !active {
			l.push(frame{Frame: Frame{Kind: Array}, indent: -1, closer: ']', subscr: true}) // x["a"]["b"]
			return i + 1
		}
		f := frame{Frame: Frame{Kind: Array}, indent: -1, closer: ']'}
		if active {
			f.Name = x.name
			l.exp = nil
		}
		l.pend = nil
		l.push(f)
	case '(':
		if active {
			x.fresh = false
			l.pushCall(nil, i, x)
		} else {
			l.pushCall(nil, i, nil)
		}
	}
	return i + 1
}

// pushCall opens the scope of a call to callee (nil: a parenthesis).
func (l *lexer) pushCall(callee []byte, at int, wrap *expectation) {
	if t := l.top(); t != nil && t.wrapFor != nil && t.wrapFor == wrap {
		t.tokens++ // Some(String::from("…")): a wrapper inside a wrapper
	}
	if wrap != nil && callee != nil && len(l.frames) == wrap.depth {
		l.emitOne(wrap.name, wrap.nameAt, callee, span{at - len(callee), at}, Bound, callee, -1)
	}
	if callee != nil && l.newAt > 0 && l.adjacentSpace(l.newAt, at-len(callee)) {
		callee = append([]byte("new "), callee...)
	}
	l.newAt = 0
	f := frame{Frame: Frame{Kind: Call, Name: callee}, indent: -1, closer: ')', wrapFor: wrap}
	if callee != nil {
		last := lastSegment(callee)
		f.envCall = isEnvGetter(callee, last)
		f.orCall = isOrMethod(last)
	}
	l.pend = nil
	l.push(f)
}

func (l *lexer) close(c byte) {
	n := len(l.frames) - 1
	if l.over > 0 {
		l.over--
		return
	}
	for ; n >= 0; n-- {
		if l.frames[n].closer == c {
			break
		}
		if l.frames[n].closer != 0 {
			return // a stray closer: the brackets in between stay open
		}
	}
	if n < 0 {
		return
	}
	for len(l.frames) > n+1 {
		l.pop()
	}
	f := l.frames[n]
	l.pop()
	l.flushLines(&f)
	if f.Kind == Object && f.accessors && f.Name != nil {
		// public string ApiKey { get; set; } = "…": the property is named
		// before its accessors.
		l.setPending(f.Name, f.nameAt, l.lastTok)
		return
	}
	switch {
	case f.subscr && f.tokens == 1 && f.lit.ok():
		// os.environ["NAME"] = …, config['apiKey'] = …: the subscript names.
		l.setPending(f.litVal, f.lit.s, l.lastTok)
	case f.envCall && f.lit.ok() && f.litArg == 0:
		// os.getenv("NAME") or "…", env::var("NAME").unwrap_or("…")
		l.fallback, l.fallAt = f.litVal, f.lit.s
	}
	if l.exp != nil && f.wrapFor == l.exp && len(l.frames) == l.exp.depth && f.Kind == Call && (f.envCall || f.tokens > 0) {
		l.exp = nil // NAME = f(x), NAME = getenv("X"): the call's result is the value, not shown
	}
}

func (l *lexer) comma(c byte) {
	l.exp = nil
	l.pend = nil
	if t := l.top(); t != nil {
		switch t.Kind {
		case Call, Array:
			t.arg++
			t.tokens = 0
		}
	}
	if c == ';' && !l.inBrackets() {
		l.fallback = nil
	}
}

// ---- scopes ----

func (l *lexer) top() *frame {
	if len(l.frames) == 0 {
		return nil
	}
	return &l.frames[len(l.frames)-1]
}

func (l *lexer) push(f frame) {
	if len(l.frames) >= maxFrames {
		if f.closer != 0 {
			l.over++
		}
		return
	}
	*l.nextID++
	f.ID = *l.nextID
	l.frames = append(l.frames, f)
	l.viewOK = false
}

func (l *lexer) pop() {
	l.frames = l.frames[:len(l.frames)-1]
	l.viewOK = false
}

// frameView is the scopes around the current position, outermost first,
// rebuilt only when a scope opened or closed since the last call.
func (l *lexer) frameView() []Frame {
	if l.cut >= 0 && l.cut < len(l.frames) {
		v := append([]Frame(nil), l.base...)
		for i := range l.frames[:l.cut] {
			v = append(v, l.frames[i].Frame)
		}
		return v
	}
	if l.viewOK {
		return l.view
	}
	l.view = append(l.view[:0], l.base...)
	for i := range l.frames {
		l.view = append(l.view, l.frames[i].Frame)
	}
	l.viewOK = true
	return l.view
}

// ---- literals ----

// literal reads a string literal whose opening quote is at q (s is where
// its prefix starts: r, b, f, @, $, r#) and handles it as a value, a
// name, an argument or text.
func (l *lexer) literal(s, q int) int {
	src := l.src
	if q > 0 && q == s && isApostrophe(src, q) {
		return q + 1 // don't, it's: not a literal
	}
	qc := src[q]
	for k := q; qc == '#' && k < len(src); k++ {
		qc = src[k]
	}
	qi := quoteIndex(qc)
	if q < l.noQuote[qi] {
		return q + 1
	}
	vs, ve, end, esc, ok := scanLiteral(src, s, q)
	if !ok {
		l.noQuote[qi] = end
		return q + 1
	}
	val := src[vs:ve]
	var flags Flags = Quoted
	if esc {
		val = unescape(val, qc)
	}
	l.lastTok = end
	// A quoted name: "apiKey": …, 'NAME' => …, "NAME" to …
	k := end
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	if x := l.exp; x != nil && x.sep == ':' && x.fresh && l.expActive() && annotationEnds(src, end) {
		x.fresh = false
		return end // NAME: "Final[str]" = "…": a type, then the value
	}
	if k < len(src) && (src[k] == ':' && !(k+1 < len(src) && src[k+1] == ':') || src[k] == '=' && !(k+1 < len(src) && src[k+1] == '=')) && nameLike(val) {
		l.exp = nil
		l.countToken()
		l.setPending(val, vs, end)
		return end
	}
	if k+2 < len(src) && src[k] == 't' && src[k+1] == 'o' && (src[k+2] == ' ' || src[k+2] == '\t') && nameLike(val) {
		l.countToken()
		l.setPending(val, vs, end)
		l.expect('=', false)
		return k + 2
	}
	l.value(val, span{vs, ve}, flags)
	return end
}

func quoteIndex(q byte) int {
	switch q {
	case '\'':
		return 1
	case '`':
		return 2
	}
	return 0
}

// countToken counts a token in the innermost scope.
func (l *lexer) countToken() {
	if t := l.top(); t != nil {
		t.tokens++
		t.accessors = false
	}
}

// isAccessor reports the words of a C# property's accessor block.
func isAccessor(tok []byte) bool {
	switch string(tok) {
	case "get", "set", "init", "private", "protected", "internal", "public":
		return true
	}
	return false
}

// value handles a literal that is not a name: the value of an expected
// name, an argument, an element, or a string in text.
func (l *lexer) value(val []byte, at span, flags Flags) {
	x := l.exp
	t := l.top()
	if x != nil && l.expActive() && !(t != nil && t.envCall && t.wrapFor == x && varNameLike(val)) {
		// (key = os.getenv("bg_a39a…"): a value pasted where the
		// variable's name goes is still key's value.)
		l.exp = nil
		if t != nil && t.wrapFor == x {
			t.tokens++
			if t.Kind == Call && t.Name != nil {
				// api = Client("key", …): an argument as well as the value
				l.emitArgs(val, at, flags, t)
			}
		}
		// The value's scopes are its name's: String::from(…) and other
		// wrappers around it are not scopes of the pair.
		l.cut = x.depth
		l.emit(x.name, x.nameAt, val, at, flags, nil, -1)
		l.cut = -1
		l.recordLiteral(t, val, at)
		return
	}
	if t == nil {
		l.emitOne(nil, at.s, val, at, flags, nil, -1) // a string standing alone
		if len(val) > 0 && val[len(val)-1] == '\n' {
			// Lines of a multi-line string outside any list (a fragment
			// of a notebook): read together, as in a list.
			if len(l.root.lines) > 0 && !l.onlyCommas(l.rootEnd, at.s-1) {
				l.flushLines(&l.root)
				l.root = frame{Frame: Frame{Kind: Array}}
			}
			if l.root.lineBytes+len(val) <= maxLiteral {
				l.root.Kind = Array
				l.root.lines = append(l.root.lines, lineElem{val, at})
				l.root.lineBytes += len(val)
				l.rootEnd = at.e + 1
				return
			}
		}
		l.again(nil, 0, val, at, flags)
		l.label, l.labelEnd = val, l.lastTok
		return
	}
	t.tokens++
	t.accessors = false
	switch {
	case t.Kind == Call && t.orCall && l.fallback != nil:
		l.emit(l.fallback, l.fallAt, val, at, flags, t.Name, t.arg)
	case t.Kind == Call:
		if t.lit.ok() && t.litArg == t.arg-1 && t.arg%2 == 1 && nameLike(t.litVal) && len(t.litVal) <= 128 {
			// os.Setenv("NAME", "…"), getenv("NAME", "…"), Map.of("NAME", "…")
			l.emit(t.litVal, t.lit.s, val, at, flags, t.Name, t.arg)
			if x := t.wrapFor; x != nil && t.envCall && t.arg == 1 && x == l.exp {
				l.exp = nil // key = os.getenv("NAME", "…"): the default is key's value too
				l.emit(x.name, x.nameAt, val, at, flags, nil, -1)
			}
		}
		l.emitArgs(val, at, flags, t)
	case t.Kind == Array && !t.subscr && t.lineBytes+len(val) <= maxLiteral:
		// Maybe a line of a multi-line string kept as a list (a notebook
		// cell's source): read with the others when the list closes.
		t.lines = append(t.lines, lineElem{val, at})
		t.lineBytes += len(val)
		if t.Name != nil {
			l.emitOne(t.Name, at.s, val, at, flags, nil, t.arg)
		}
	case t.Kind == Array && !t.subscr && t.Name != nil:
		l.emit(t.Name, at.s, val, at, flags, nil, t.arg)
	case t.Kind == Object && t.wrapFor != nil && t.tokens == 1:
		l.emit(t.wrapFor.name, t.wrapFor.nameAt, val, at, flags, nil, -1)
	default:
		l.again(nil, 0, val, at, flags)
		l.label, l.labelEnd = val, l.lastTok
	}
	l.recordLiteral(t, val, at)
}

func (l *lexer) recordLiteral(t *frame, val []byte, at span) {
	if t == nil || (t.Kind != Call && !t.subscr) {
		return
	}
	t.lit, t.litArg, t.litVal = at, t.arg, val
}

// emitArgs emits a positional argument of the call t (the innermost
// scope) and, when t only wraps it (Some("…"), String::from("…")), of the
// call the wrappers are in: Binance::new(Some("…".into()), …).
func (l *lexer) emitArgs(val []byte, at span, flags Flags, t *frame) {
	l.emitArg(val, at, flags, t.Name, t.arg)
	for n := len(l.frames) - 1; n > 0; n-- {
		w, p := &l.frames[n], &l.frames[n-1]
		if w.Kind != Call || !isWrapperCall(w.Name) || w.arg != 0 || w.tokens > 1 || p.Kind != Call {
			return
		}
		l.emitArg(val, at, flags, p.Name, p.arg)
		if !isWrapperCall(p.Name) {
			return
		}
	}
}

// emitArg emits a positional argument.
func (l *lexer) emitArg(val []byte, at span, flags Flags, call []byte, arg int) {
	l.emit(nil, at.s, val, at, flags, call, arg)
}

// scanLiteral finds the extent of a literal opening at q (prefix from s).
// It returns the content's span, the end of the literal, whether the
// content has escapes to decode, and false when it is not a literal (no
// closing quote within bounds, or a line break a one-line literal cannot
// hold); end is then where it stopped looking.
func scanLiteral(src []byte, s, q int) (vs, ve, end int, esc, ok bool) {
	raw := false
	verbatim := false
	hashes := 0
	for _, c := range src[s:q] {
		switch c {
		case 'r', 'R':
			raw = true
		case '@':
			verbatim = true
		}
	}
	for q < len(src) && src[q] == '#' {
		hashes++ // Rust's r#"…"#
		q++
	}
	if q >= len(src) {
		return 0, 0, q, false, false
	}
	quote := src[q]
	if hashes > 0 && quote != '"' {
		return 0, 0, q, false, false
	}
	// Triple quotes: """…""", '''…'''.
	if q+2 < len(src) && src[q+1] == quote && src[q+2] == quote && quote != '`' {
		start := q + 3
		if start < len(src) && src[start] == '\n' {
			start++ // TOML drops the line break after """; a key's value never starts with one
		} else if start+1 < len(src) && src[start] == '\r' && src[start+1] == '\n' {
			start += 2
		}
		for k := start; k+2 < len(src) && k-start < maxLiteral; k++ {
			if src[k] == '\\' && !raw {
				k++
				esc = true
				continue
			}
			if src[k] == quote && src[k+1] == quote && src[k+2] == quote {
				return start, k, k + 3, esc, true
			}
		}
		return 0, 0, min(len(src), start+maxLiteral), false, false
	}
	start := q + 1
	multi := quote == '`' || verbatim || hashes > 0
	for k := start; k < len(src) && k-start < maxLiteral; k++ {
		c := src[k]
		switch {
		case c == '\\' && !raw && !verbatim && quote != '`':
			esc = true
			k++
		case c == '\\' && quote == '`':
			esc = true
			k++
		case c == quote:
			if verbatim && k+1 < len(src) && src[k+1] == quote {
				esc = true
				k++
				continue
			}
			if hashes > 0 {
				n := 0
				for n < hashes && k+1+n < len(src) && src[k+1+n] == '#' {
					n++
				}
				if n < hashes {
					continue
				}
				return start, k, k + 1 + hashes, esc, true
			}
			return start, k, k + 1, esc, true
		case c == '\n':
			if !multi && !pemAhead(src[start:k]) {
				return 0, 0, k, false, false
			}
		}
	}
	return 0, 0, min(len(src), start+maxLiteral), false, false
}

// pemAhead reports whether a literal's text so far opens a PEM block: a
// quoted key that .env files and YAML let run over several lines.
func pemAhead(b []byte) bool {
	b = trimSpace(b)
	return len(b) >= 10 && string(b[:10]) == "-----BEGIN"
}

// isApostrophe reports whether a quote at q is a letter's apostrophe
// (don't, l'API) rather than an opening quote.
func isApostrophe(src []byte, q int) bool {
	if src[q] != '\'' || q == 0 {
		return false
	}
	p := src[q-1]
	return nameByte[p] && p != '_' || p >= 0x80
}

// ---- XML ----

// angle handles '<': an XML or HTML start tag, an end tag, or text.
func (l *lexer) angle(i int) int {
	src := l.src
	j := i + 1
	if j >= len(src) {
		return j
	}
	if i > 0 && (nameByte[src[i-1]] || src[i-1] == '<') && src[j] != '/' {
		return j // List<String>, a<b, <<
	}
	switch {
	case src[j] == '/':
		k := j + 1
		s := k
		for k < len(src) && (nameByte[src[k]] || src[k] == ':' || src[k] == '-' || src[k] == '.') {
			k++
		}
		if k < len(src) && src[k] == '>' && k > s {
			l.closeElement(src[s:k])
			return k + 1
		}
		return j
	case src[j] == '!' || src[j] == '?':
		return j
	case !nameStart[src[j]]:
		return j
	}
	k := j
	for k < len(src) && (nameByte[src[k]] || src[k] == ':' || src[k] == '-' || src[k] == '.') {
		k++
	}
	tag := src[j:k]
	l.exp = nil
	l.pend = nil
	l.push(frame{Frame: Frame{Kind: Element, Name: tag}, indent: -1})
	el := len(l.frames)
	// Attributes, up to the end of the tag.
	for k < len(src) && k-i < maxLiteral {
		c := src[k]
		switch {
		case c == '>':
			if src[k-1] == '/' {
				l.closeElement(tag)
				return k + 1
			}
			return l.elementText(tag, el, k+1)
		case c == '"' || c == '\'':
			k = l.literal(k, k)
		case nameStart[c]:
			s := k
			for k < len(src) && (nameByte[src[k]] || src[k] == ':' || src[k] == '-' || src[k] == '.') {
				k++
			}
			l.setPending(src[s:k], s, k)
		case c == '=':
			k = l.separator(k)
		case c == '<':
			return k // not a tag after all
		default:
			k++
		}
	}
	return k
}

// elementText reads an element's text when it is short and on one line:
// <apiKey>…</apiKey>, <string name="api_key">…</string>.
func (l *lexer) elementText(tag []byte, el, i int) int {
	src := l.src
	var text []byte
	var at span
	k := i
	if hasPrefixFold(src[i:], "<![CDATA[") {
		s := i + 9
		e := bytes.Index(src[s:min(len(src), s+maxBare)], []byte("]]>"))
		if e < 0 {
			return i
		}
		text, at = src[s:s+e], span{s, s + e}
		k = s + e + 3
	} else {
		for k < len(src) && src[k] != '<' && src[k] != '\n' && k-i <= maxBare {
			k++
		}
		text = trimSpace(src[i:k])
		s := i
		for s < k && (src[s] == ' ' || src[s] == '\t') {
			s++
		}
		at = span{s, s + len(text)}
	}
	if k+1 >= len(src) || src[k] != '<' || src[k+1] != '/' || len(text) == 0 || len(l.frames) != el {
		return i
	}
	text = xmlUnescape(text)
	// <apiKey>…</apiKey> is a member of the element around it, a sibling
	// of <secretKey>…</secretKey>: the pair sits in the parent's scope.
	l.cut = len(l.frames) - 1
	l.emit(tag, at.s, text, at, 0, nil, -1)
	l.cut = -1
	if len(l.frames) > 1 {
		l.member(&l.frames[len(l.frames)-2], tag, text, at)
	}
	l.member(l.top(), []byte("value"), text, at)
	return k
}

// xmlUnescape decodes XML's predefined and numeric character references.
func xmlUnescape(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '&' {
			out = append(out, b[i])
			continue
		}
		semi := bytes.IndexByte(b[i:min(len(b), i+10)], ';')
		if semi < 0 {
			out = append(out, b[i])
			continue
		}
		ent := string(b[i+1 : i+semi])
		switch {
		case ent == "amp":
			out = append(out, '&')
		case ent == "lt":
			out = append(out, '<')
		case ent == "gt":
			out = append(out, '>')
		case ent == "quot":
			out = append(out, '"')
		case ent == "apos":
			out = append(out, '\'')
		case len(ent) > 1 && ent[0] == '#':
			n, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(ent[1:], "x"), "X"), map[bool]int{true: 16, false: 10}[ent[1] == 'x' || ent[1] == 'X'], 32)
			if err != nil {
				out = append(out, b[i])
				continue
			}
			out = utf8.AppendRune(out, rune(n))
		default:
			out = append(out, b[i])
			continue
		}
		i += semi
	}
	return out
}

func (l *lexer) closeElement(tag []byte) {
	for n := len(l.frames) - 1; n >= 0; n-- {
		f := &l.frames[n]
		if f.Kind == Element && string(f.Name) == string(tag) {
			for len(l.frames) > n {
				l.pop()
			}
			return
		}
		if f.closer != 0 {
			return
		}
	}
}

// ---- emitting ----

// emit yields a pair, reads its value again when it holds more text, and
// records name/value members of the innermost scope.
func (l *lexer) emit(name []byte, nameAt int, val []byte, at span, flags Flags, call []byte, arg int) {
	if l.depth > 0 {
		flags |= Decoded
	}
	if d, ok := decodeBase64Text(val); ok {
		l.emitOne(name, nameAt, d, at, flags|Base64|Decoded, call, arg)
		l.again(name, nameAt, d, at, flags|Base64|Decoded)
		return
	}
	l.emitOne(name, nameAt, val, at, flags, call, arg)
	if name != nil {
		l.member(l.top(), name, val, at)
	}
	l.again(name, nameAt, val, at, flags)
}

func (l *lexer) emitOne(name []byte, nameAt int, val []byte, at span, flags Flags, call []byte, arg int) {
	if call == nil && name != nil {
		call = l.enclosingCall()
	}
	flags |= l.flagsIn
	if l.depth > 0 {
		flags |= Decoded // read from inside another value: its span is the outer value's
	}
	p := &l.pair
	*p = Pair{Name: name, Value: val, NameStart: nameAt, Start: at.s, End: at.e, Call: call, Arg: arg, Flags: flags}
	if l.depth > 0 {
		in := l.inputSpan(at)
		p.Start, p.End, p.NameStart = in.s, in.e, in.s
		if n, ok := l.inputOffset(nameAt); ok && n <= in.s {
			p.NameStart = n
		}
	}
	p.Frames = l.frameView()
	l.fn(p)
}

// enclosingCall is the callee a keyword argument or a member belongs to:
// Client(api_key=…) and ccxt.okx({apiKey: …}), not deeper.
func (l *lexer) enclosingCall() []byte {
	n := len(l.frames) - 1
	if l.cut >= 0 && l.cut <= n {
		n = l.cut - 1
	}
	if n < 0 {
		return nil
	}
	f := &l.frames[n]
	literal := f.Kind == Object || f.Kind == Array || f.Kind == Call && isLiteralCall(f.Name)
	if literal && n > 0 && l.frames[n-1].Kind == Call && !l.frames[n-1].subscr {
		return l.frames[n-1].Name // ccxt.okx({…}), new \ccxt\okx(array(…))
	}
	if f.Kind == Call && !f.subscr {
		return f.Name
	}
	return nil
}

// member records NAME/VALUE siblings: {"key": "NAME", "value": "…"},
// <add key="NAME" value="…"/>, - name: NAME / value: ….
func (l *lexer) member(f *frame, name, val []byte, at span) {
	if f == nil || f.memDone || len(val) > maxMember {
		return
	}
	switch memberRole(name) {
	case 1:
		if !nameLike(val) && !pathLike(val) {
			return
		}
		f.memName, f.memNameAt = val, at.s
	case 2:
		f.memVal, f.memValAt = val, at
	default:
		return
	}
	if f.memName != nil && f.memVal != nil {
		f.memDone = true
		l.emitOne(f.memName, f.memNameAt, f.memVal, f.memValAt, Decoded, nil, -1)
	}
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
			c.run()
		}
		return
	}
	c := l.child(val, []segment{l.segmentFor(0, val, at, flags)})
	c.flagsIn = l.flagsIn | flags&Base64
	c.run()
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
	c.run()
}

func holdsSeparator(b []byte) bool {
	for i, c := range b {
		if c == '=' || c == ':' || c == '$' && i+1 < len(b) && b[i+1] == '{' {
			return true
		}
	}
	return false
}
