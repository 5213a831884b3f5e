package syntax

import (
	"encoding/base64"
	"strconv"
	"unicode/utf8"
)

// unescape decodes the backslash escapes of a literal's content (C-like,
// JSON and the doubled quotes of verbatim strings). Unknown escapes keep
// their character.
func unescape(b []byte, quote byte) []byte {
	out, _ := decodeEscapes(b, quote, false)
	return out
}

// unescapeIdx decodes backslash escapes like unescape, and returns for
// each output byte the offset in b of the text it was read from.
func unescapeIdx(b []byte) ([]byte, []int32) { return decodeEscapes(b, 0, true) }

// decodeEscapes is unescape (quote 0: no doubled quotes), with the offsets
// of unescapeIdx when withIdx.
func decodeEscapes(b []byte, quote byte, withIdx bool) ([]byte, []int32) {
	out := make([]byte, 0, len(b))
	var idx []int32
	if withIdx {
		idx = make([]int32, 0, len(b))
	}
	// emit appends a byte read from the text at start.
	emit := func(start int, c byte) {
		out = append(out, c)
		if withIdx {
			idx = append(idx, int32(start))
		}
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		start := i
		if quote != 0 && c == quote && i+1 < len(b) && b[i+1] == quote {
			emit(start, c) // "" in a verbatim string
			i++
			continue
		}
		if c != '\\' || i+1 >= len(b) {
			emit(start, c)
			continue
		}
		i++
		switch d := b[i]; d {
		case 'n':
			emit(start, '\n')
		case 't':
			emit(start, '\t')
		case 'r':
			emit(start, '\r')
		case '0':
			emit(start, 0)
		case 'u':
			if i+4 < len(b) {
				if r, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 32); err == nil {
					var enc [utf8.UTFMax]byte
					for _, c := range enc[:utf8.EncodeRune(enc[:], rune(r))] {
						emit(start, c)
					}
					i += 4
					continue
				}
			}
			emit(start, '\\')
			emit(start, d)
		case 'x':
			if i+2 < len(b) {
				if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
					emit(start, byte(v))
					i += 2
					continue
				}
			}
			emit(start, '\\')
			emit(start, d)
		case '\n':
			// a line continuation
		default:
			emit(start, d)
		}
	}
	return out, idx
}

// decodeBase64Text decodes a value written in base64 when what it holds
// is text (a Kubernetes Secret's data, a base64-wrapped .env): valid
// base64 of at least 8 characters, decoding to valid UTF-8 that is almost
// all printable. Random credentials decode to binary and are left alone.
func decodeBase64Text(v []byte) ([]byte, bool) {
	n := len(v)
	if n < 8 || n > maxLiteral {
		return nil, false
	}
	pad := 0
	for _, c := range v {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
			if pad > 0 {
				return nil, false
			}
		case c == '=':
			pad++
		default:
			return nil, false
		}
	}
	if pad > 2 || n%4 != 0 {
		return nil, false // Kubernetes and base64(1) pad: unpadded text is rarely base64
	}
	enc := base64.StdEncoding
	d := make([]byte, enc.DecodedLen(n))
	m, err := enc.Decode(d, v)
	if err != nil || m == 0 {
		return nil, false
	}
	d = d[:m]
	if !utf8.Valid(d) {
		return nil, false
	}
	bad := 0
	for _, c := range d {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f {
			bad++
		}
	}
	if bad > 0 || m < 4 {
		return nil, false
	}
	// Words of letters only ("password", "production") are base64 too:
	// require what a decoded value looks like, not what random letters do.
	letters := 0
	for _, c := range d {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			letters++
		}
	}
	if letters*10 < m*6 {
		return nil, false
	}
	for len(d) > 0 && (d[len(d)-1] == '\n' || d[len(d)-1] == '\r') {
		d = d[:len(d)-1]
	}
	return d, true
}
