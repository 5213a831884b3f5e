package syntax

import "bytes"

// Byte classes. nameCont: the bytes a name token goes on with (its
// dashes and :: aside).
var nameStart, nameByte, nameCont [256]bool

func init() {
	for c := 0; c < 256; c++ {
		b := byte(c)
		letter := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
		nameStart[c] = letter || b == '_' || b >= 0x80
		nameByte[c] = nameStart[c] || '0' <= b && b <= '9'
		nameCont[c] = nameByte[c] || b == '.' || b == '$'
	}
}

// bareEnd is where a bare value that starts at s ends: at white space, a
// delimiter or a quote.
func bareEnd(src []byte, s int) int {
	e := s
	for e < len(src) {
		switch src[e] {
		case ' ', '\t', '\r', '\n', ',', ';', ')', '}', ']', '"', '\'', '`', '{', '(':
			return e
		}
		e++
	}
	return e
}

func trimSpace(b []byte) []byte { return bytes.TrimSpace(b) }

// trimQuotes removes one pair of matching quotes.
func trimQuotes(b []byte) []byte {
	if len(b) >= 2 && (b[0] == '"' || b[0] == '\'') && b[len(b)-1] == b[0] {
		return b[1 : len(b)-1]
	}
	return b
}

func hasPrefixFold(b []byte, p string) bool {
	return len(b) >= len(p) && bytes.EqualFold(b[:len(p)], []byte(p))
}

// nameLike reports whether a quoted string can be a name: one line of
// identifier characters, spaces, dashes, dots or slashes, not too long.
func nameLike(b []byte) bool {
	if len(b) == 0 || len(b) > 128 {
		return false
	}
	if c := b[0]; !(nameStart[c] || c == '$' || c == '/' || c == '@' || c == '.') {
		return false // a name starts like one: not 0fdca03f-…
	}
	letters, digits := 0, 0
	for _, c := range b {
		if '0' <= c && c <= '9' {
			digits++
		}
		switch {
		case nameByte[c]:
			if c >= 'A' && c <= 'z' {
				letters++
			}
		case c == ' ' || c == '-' || c == '.' || c == '/' || c == ':' || c == '@' || c == '$':
		default:
			return false
		}
	}
	return letters > 0 && digits*2 < len(b) && b[len(b)-1] != ' '
}

// pathLike reports whether a member value names a parameter by path:
// /prod/binance/api_key (SSM, Vault).
func pathLike(b []byte) bool {
	return len(b) > 1 && len(b) <= 256 && (b[0] == '/' || bytes.IndexByte(b, '/') > 0) && bytes.IndexAny(b, " \t\n\"'") < 0
}

// isStringPrefix reports whether a name token directly before a quote is
// a string prefix: Python's r, b, f, u and their pairs.
func isStringPrefix(tok []byte) bool {
	if len(tok) > 2 {
		return false
	}
	for _, c := range tok {
		switch c {
		case 'r', 'R', 'b', 'B', 'f', 'F', 'u', 'U':
		default:
			return false
		}
	}
	return true
}

// transparent words neither name a value nor are one: declaration
// keywords and modifiers (const apiKey = …, private static final String
// KEY = …, export NAME=…).
func transparent(tok []byte) bool { return transparentWords.has(tok) || typeWords.has(tok) }

var transparentWords = newWordList("const", "let", "var", "val", "final", "static", "private", "public", "protected", "internal",
	"readonly", "export", "declare", "local", "typeset", "def", "new", "await", "return", "set",
	"mut", "pub", "override", "lateinit", "volatile", "transient", "ARG", "SET", "Set")

// isTypeWord reports whether a token is a type in a declaration or an
// annotation (String apiKey = …, var apiKey string = …, api_key: str = …).
func isTypeWord(tok []byte) bool { return typeWords.has(tok) }

var typeWords = newWordList("string", "String", "str", "&str", "Str", "text", "Text", "SecretString", "SecretStr", "Secret",
	"char", "object", "Object", "any", "Any", "dynamic", "auto", "std::string", "string?", "String?",
	"Optional", "Option", "Maybe", "bool", "int", "float", "Final", "ClassVar", "Annotated", "Literal",
	"number", "boolean", "Boolean", "Integer", "Long", "long", "double", "Double", "Int", "Float", "u64", "i64")

// wordList is a fixed set of short words, tested a token at a time: the
// token's first byte and length rule out most tokens, and the few words
// left are compared directly.
type wordList struct {
	lens  [256]uint32   // first byte -> bit n set when a word of n bytes starts with it
	first [256][]string // first byte -> the words that start with it
}

func newWordList(ws ...string) *wordList {
	l := &wordList{}
	for _, w := range ws {
		if w == "" || len(w) >= 32 {
			panic("syntax: word list entry of 0 or 32+ bytes: " + w)
		}
		l.lens[w[0]] |= 1 << len(w)
		l.first[w[0]] = append(l.first[w[0]], w)
	}
	return l
}

func (l *wordList) has(tok []byte) bool {
	if len(tok) == 0 || len(tok) >= 32 || l.lens[tok[0]]&(1<<len(tok)) == 0 {
		return false
	}
	for _, w := range l.first[tok[0]] {
		if string(tok) == w {
			return true
		}
	}
	return false
}

// isOrWord: Python's, Ruby's and Elixir's `or` (and Perl's `//` is not
// handled) take the value that follows as a fallback.
func isOrWord(tok []byte) bool { return string(tok) == "or" }

// isEnvRef reports whether a name reads an environment variable whose
// fallback may follow: process.env.NAME, os.environ.NAME, ENV.NAME.
func isEnvRef(tok []byte) bool {
	return bytes.HasPrefix(tok, []byte("process.env.")) || bytes.HasPrefix(tok, []byte("import.meta.env.")) ||
		bytes.HasPrefix(tok, []byte("Deno.env."))
}

// lastSegment is the part of a dotted or :: name after its last separator.
func lastSegment(tok []byte) []byte {
	for i := len(tok) - 1; i >= 0; i-- {
		if tok[i] == '.' || tok[i] == ':' {
			return tok[i+1:]
		}
	}
	return tok
}

// isEnvGetter reports whether a call reads an environment variable (or a
// setting) named by its first argument, whose second argument or a later
// fallback is the value: os.getenv, os.environ.get, System.getenv,
// env::var, ENV.fetch, Environment.GetEnvironmentVariable, os.Getenv.
func isEnvGetter(callee, last []byte) bool {
	switch string(last) {
	case "getenv", "Getenv", "LookupEnv", "getEnv", "get_env", "GetEnvironmentVariable", "getProperty",
		"environ", "env", "var", "getenvb":
		return true
	case "get", "fetch", "Get", "get_or", "getOrDefault":
		base := callee[:len(callee)-len(last)]
		return bytes.Contains(base, []byte("environ")) || bytes.Contains(base, []byte("ENV")) ||
			bytes.Contains(base, []byte("env")) || bytes.Contains(base, []byte("Env"))
	}
	return false
}

// isOrMethod reports whether a method takes the fallback value of what it
// is called on: .unwrap_or(…), .getOrElse(…), .orElse(…), .or(…).
func isOrMethod(last []byte) bool {
	switch string(last) {
	case "unwrap_or", "unwrap_or_else", "unwrap_or_default", "or", "or_else", "getOrElse", "orElse",
		"orElseGet", "getOrDefault", "default", "Default", "GetValueOrDefault", "fallback":
		return true
	}
	return false
}

// memberRole says whether a member's name marks its value as the name (1)
// or the value (2) of a name/value pair of siblings.
func memberRole(name []byte) int {
	// The longest word below has 14 bytes: a longer name is none of them,
	// and a shorter one is lowered in place of an allocation.
	var buf [16]byte
	if len(name) > len(buf) {
		return 0
	}
	low := buf[:len(name)]
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	switch string(low) {
	case "key", "name", "id", "variable", "var", "param", "parameter", "field", "label", "header",
		"env", "envvar", "env_var", "property", "setting", "option", "secretname", "secret_name", "keyname":
		return 1
	case "value", "val", "default", "defaultvalue", "default_value", "content", "data", "text",
		"string", "current_value", "currentvalue", "initial_value", "secretvalue", "secret_value",
		"secret_string", "secretstring", "plaintext", "payload":
		return 2
	}
	return 0
}

// isWrapperCall reports calls that only wrap a value: Some("…"),
// String::from("…"), new String("…"), SecretString::new(…).
func isWrapperCall(callee []byte) bool {
	last := lastSegment(callee)
	switch string(last) {
	case "Some", "Ok", "from", "String", "new String", "str", "Box", "Arc", "Rc", "Secret", "SecretString", "Borrowed",
		"Owned", "CString", "OsString", "to_string", "to_owned", "into", "String.valueOf", "valueOf", "SecureString":
		return true
	}
	return bytes.HasSuffix(callee, []byte(" String")) || bytes.HasPrefix(callee, []byte("Secret"))
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// isKeyword reports control words that a parenthesis follows without
// making a call: if (…), while (…), return (…).
func isKeyword(tok []byte) bool { return keywords.has(tok) }

var keywords = newWordList("if", "for", "while", "switch", "catch", "return", "and", "or", "not", "in", "elif", "else", "when",
	"function", "def", "func", "fn", "with", "except", "match", "case", "typeof", "sizeof", "await", "yield",
	"lambda", "assert", "until", "unless", "foreach", "do", "then", "is", "as", "from", "import", "select",
	"where", "values", "VALUES", "WHERE", "AND", "OR", "IN", "NOT", "on", "ON", "using", "USING")

// isLiteralCall reports calls that build a map or list from their
// arguments, as a literal would: PHP's array(…), Python's dict(…),
// Kotlin's mapOf(…).
func isLiteralCall(callee []byte) bool {
	switch string(lastSegment(callee)) {
	case "array", "dict", "OrderedDict", "mapOf", "hashMapOf", "mutableMapOf", "listOf", "Hash", "of", "ofEntries",
		"freeze", "object", "Object":
		return true
	}
	return false
}

// varNameLike reports whether a string names a variable or a setting
// (BINANCE_KEY, binance.api-key): name-like, and every part between dots
// and dashes starts with a letter or _ (Willow.7159VNp is a value).
func varNameLike(b []byte) bool {
	if !nameLike(b) {
		return false
	}
	start := true
	for _, c := range b {
		switch {
		case c == '.' || c == '-':
			start = true
		case start:
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '$' || c == '/') {
				return false
			}
			start = false
		}
	}
	return true
}
