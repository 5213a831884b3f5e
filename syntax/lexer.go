package syntax

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

	view    []Frame
	viewOK  bool
	cutView []Frame       // frameView's buffer when cut applies
	expSlab []expectation // expectations are allocated from here, 64 at a time
	spare   *lexer        // a child lexer to reuse (see child)
	cut     int           // when >= 0, pairs see only this many of the lexer's scopes
	pair    Pair
}

func newLexer(src []byte, fn func(*Pair)) *lexer {
	id := 0
	return &lexer{src: src, fn: fn, nextID: &id, bol: true, cut: -1}
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
		// Names first: the commonest token. No case below overlaps it.
		case nameStart[c] || (c == '.' && i+1 < len(src) && nameStart[src[i+1]] && i > 0 && (src[i-1] == ')' || src[i-1] == ']' || nameByte[src[i-1]])) ||
			(c == '\\' && i+1 < len(src) && nameStart[src[i+1]] && (i == 0 || !nameByte[src[i-1]])):
			i = l.name(i)
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '\n':
			l.endLine()
			i++
			l.bol = true
		case c == '"' || c == '\'' || c == '`':
			i = l.literal(i, i)
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
