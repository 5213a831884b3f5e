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
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == quote && i+1 < len(b) && b[i+1] == quote {
			out = append(out, c) // "" in a verbatim string
			i++
			continue
		}
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			continue
		}
		i++
		switch d := b[i]; d {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case '0':
			out = append(out, 0)
		case 'u':
			if i+4 < len(b) {
				if r, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 32); err == nil {
					out = utf8.AppendRune(out, rune(r))
					i += 4
					continue
				}
			}
			out = append(out, '\\', d)
		case 'x':
			if i+2 < len(b) {
				if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
					out = append(out, byte(v))
					i += 2
					continue
				}
			}
			out = append(out, '\\', d)
		case '\n':
			// a line continuation
		default:
			out = append(out, d)
		}
	}
	return out
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

// unescapeIdx decodes backslash escapes like unescape, and returns for
// each output byte the offset in b of the text it was read from.
func unescapeIdx(b []byte) ([]byte, []int32) {
	out := make([]byte, 0, len(b))
	idx := make([]int32, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		start := int32(i)
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			idx = append(idx, start)
			continue
		}
		i++
		switch d := b[i]; d {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case '0':
			out = append(out, 0)
		case 'u':
			if i+4 < len(b) {
				if r, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 32); err == nil {
					n := len(out)
					out = utf8.AppendRune(out, rune(r))
					for ; n < len(out); n++ {
						idx = append(idx, start)
					}
					i += 4
					continue
				}
			}
			out = append(out, '\\', d)
			idx = append(idx, start)
		case 'x':
			if i+2 < len(b) {
				if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
					out = append(out, byte(v))
					idx = append(idx, start)
					i += 2
					continue
				}
			}
			out = append(out, '\\', d)
			idx = append(idx, start)
		case '\n':
			continue
		default:
			out = append(out, d)
		}
		idx = append(idx, start)
	}
	return out, idx
}
