// Package syntax finds where values sit: given the text of a file (code,
// configuration, tabular data, notebooks, encoded blobs), it yields the
// (name, value) pairs people store credentials in, with positions and the
// names of the scopes around them. It knows nothing of exchanges or
// credentials: deciding that a pair is a Binance key (its name, the shape
// of its value, the venue named around it) is the rules package's job.
//
// One pass over the bytes recognises, at once and without knowing the
// file's type (a blob in git history has no path yet):
//
//   - assignments and members in code and configuration: NAME = VALUE,
//     NAME: VALUE, NAME := VALUE, NAME => VALUE, "NAME" to VALUE, with the
//     name bare, quoted, a subscript (os.environ["NAME"]) or a flag
//     (--name VALUE), and the value a string literal in any common quoting
//     (double, single, backtick, triple, raw, verbatim) or a bare token;
//   - wrappers around a value: String::from("…"), "…".to_owned(),
//     Some("…".into()), new String("…");
//   - calls: keyword arguments, positional string arguments (with the
//     callee and position), setters (setApiKey("…")), and name/value
//     argument pairs (os.Setenv("NAME", "…"), getenv("NAME", "…"),
//     Map.of("NAME", "…"));
//   - fallbacks: process.env.NAME || "…", ?? "…", or "…",
//     .unwrap_or("…"), ${NAME:-…};
//   - scopes: brackets ({, [, ( with the name before them), YAML
//     indentation and list items, TOML/INI [sections], XML elements;
//   - members whose name and value are separate siblings:
//     {"key": "NAME", "value": "…"}, <add key="NAME" value="…"/>,
//   - name: NAME / value: …;
//   - NAME=VALUE inside a value (--from-literal=NAME=…, -e "NAME=…",
//     "NAME: …" headers), JSON-escaped text inside strings (notebooks,
//     embedded configs), and base64 text that decodes to printable text
//     (Kubernetes Secret data), each read again as text;
//   - tables: CSV/TSV with a header row and SQL INSERT … (columns)
//     VALUES (…).
//
// Every cost is linear in the input: literals, nesting, recursion and
// per-scope state are capped.
package syntax

import "bytes"

// Pair is one value and the name it is stored under.
//
// Its byte slices and Frames point into the scanner's buffers and are
// valid only during the callback that receives it: copy what you keep.
type Pair struct {
	// Name is the name as written, without quotes ("BINANCE_API_KEY",
	// "api key", "apiKey", "os.environ.NAME" keeps its dots). It is empty
	// for a positional argument (see Call and Arg).
	Name []byte
	// Value is the value, without quotes, escapes decoded.
	Value []byte
	// NameStart is the byte offset of the name (of the value when there
	// is no name); Start and End delimit the value as written. A value
	// read from inside another (JSON-escaped, base64, NAME=VALUE in a
	// string) has the outer value's span.
	NameStart, Start, End int
	// Frames are the scopes around the pair, outermost first.
	Frames []Frame
	// Call is the callee when the value is an argument of a call
	// ("ccxt.okx", "binance.NewClient", "new Client"), and Arg the
	// argument's position from 0, or -1 for a keyword argument or member.
	Call []byte
	Arg  int
	// Flags say how the value was written.
	Flags Flags
}

// Flags describe how a value was written.
type Flags uint8

// The flags of a Pair.
const (
	Quoted  Flags = 1 << iota // a string literal, not a bare token
	Decoded                   // read from inside another value (escaped, base64, NAME=VALUE)
	Base64                    // decoded from base64 text
	Table                     // a cell of a table row under its column's header
	// Bound marks a name assigned the result of a call, not a value: the
	// pair's Value and Call are the callee (exchange := ccxt.NewOkx(nil),
	// $ex = new \ccxt\okx(…)), so that exchange.Password = "…" later can
	// be tied to what exchange is.
	Bound
	// Line marks a whole line of a file made of a few such lines, each
	// one bare token (krakenex's kraken.key: the key, then the secret):
	// Arg is the line's index, Name and Call are empty.
	Line
)

// Frame is one scope: a bracketed object, array or call, a YAML mapping
// or list item, a TOML/INI section, an XML element.
type Frame struct {
	// ID identifies this scope instance within one Scan: two pairs with
	// the same innermost ID are siblings (members of one object, one
	// list item, one section).
	ID int
	// Kind says what opened the scope.
	Kind FrameKind
	// Name is the name the scope is under: the key before the bracket or
	// colon, the callee of a call, the section or element name. Empty
	// for an anonymous scope (a list item, a bare {).
	Name []byte
}

// FrameKind says what opened a scope.
type FrameKind uint8

// The kinds of scope.
const (
	Object  FrameKind = iota // { … }
	Array                    // [ … ]
	Call                     // name( … )
	Indent                   // a YAML key with an indented block under it
	Item                     // a YAML list item (- …)
	Section                  // a TOML/INI [section]
	Element                  // an XML element
	Row                      // a table row
)

// Scan calls fn for every pair in src: those of code and configuration in
// order of position, then the cells of any table. It never
// fails: text that is not any known syntax yields nothing, or pairs that a
// caller's checks on names and values will not accept.
func Scan(src []byte, fn func(*Pair)) {
	if scanKeyFile(src, fn) {
		return
	}
	l := newLexer(src, fn)
	l.run()
	scanTablesFrom(src, fn, *l.nextID+1) // row scopes numbered after the lexer's
}

// KeyFile reports whether src is a key file: two to four lines, each one
// token of 16 to 256 characters with no white space and no separator (a
// base64 token's = padding aside), like krakenex's kraken.key. Scan yields
// its lines as Line pairs. Such a file holds no name a keyword filter
// could see.
func KeyFile(src []byte) bool { return scanKeyFile(src, nil) }

// scanKeyFile yields the lines of a key file (see KeyFile) to fn, when fn
// is not nil, and reports whether src was one.
func scanKeyFile(src []byte, fn func(*Pair)) bool {
	if len(src) > 2048 {
		return false
	}
	var lines []span
	for p := 0; p < len(src); {
		e := p
		for e < len(src) && src[e] != '\n' {
			e++
		}
		s, t := p, e
		for t > s && (src[t-1] == '\r' || src[t-1] == ' ' || src[t-1] == '\t') {
			t--
		}
		if t > s {
			lines = append(lines, span{s, t})
		}
		p = e + 1
	}
	if len(lines) < 2 || len(lines) > 4 {
		return false
	}
	for _, ln := range lines {
		tok := src[ln.s:ln.e]
		if len(tok) < 16 || len(tok) > 256 {
			return false
		}
		body := bytes.TrimRight(tok, "=")
		for _, c := range body {
			if c <= ' ' || c == '=' || c == ':' || c == '"' || c == '\'' || c == ',' || c == ';' || c == '#' || c >= 0x7f {
				return false
			}
		}
	}
	for i, ln := range lines {
		if fn != nil {
			fn(&Pair{Value: src[ln.s:ln.e], NameStart: ln.s, Start: ln.s, End: ln.e, Arg: i, Flags: Line})
		}
	}
	return true
}
