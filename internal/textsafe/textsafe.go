// Package textsafe makes untrusted text safe to show to a person: on a
// terminal, in a one-line message, in a log. Repository-supplied strings
// (paths, author names, rule ids, file content) and exchange-supplied ones
// (error messages) may hold terminal escape sequences, newlines that fake
// a new report line, or Unicode bidirectional controls that reorder what
// is displayed ("Trojan Source"). Escape shows each of them as a visible
// escape instead.
package textsafe

import (
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character that could move the cursor,
// change a terminal's state, start a new line or reorder displayed text
// replaced by a visible escape:
//
//   - C0 controls (U+0000–U+001F) and DEL: \t, \n and \r for tab, newline
//     and carriage return, \xHH for the others (ESC is \x1b, DEL \x7f);
//   - C1 controls (U+0080–U+009F): \u0085;
//   - bidirectional formatting characters — embeddings and overrides
//     U+202A–U+202E, isolates U+2066–U+2069, and the marks U+200E, U+200F,
//     U+061C — and the line and paragraph separators U+2028, U+2029:
//     \u202e;
//   - each byte of invalid UTF-8: \xHH.
//
// Everything else, backslashes included, is kept as is, so the escapes are
// for reading, not for decoding. The result is valid UTF-8 on one line.
// When nothing needs escaping, s itself is returned.
func Escape(s string) string {
	if clean(s) {
		return s
	}
	return escape(s, -1)
}

// Excerpt returns Escape(s) cut to at most max runes: when the escaped
// text is longer, its first max-1 runes followed by "…" (an escape is
// never split). max <= 0 gives "". Only the first max runes or so of s
// are read, so an excerpt of a large input costs little.
func Excerpt(s string, max int) string {
	if max <= 0 {
		return ""
	}
	return escape(s, max)
}

// clean reports whether s needs no escaping.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || special(r) {
			return false
		}
		i += size
	}
	return true
}

// special reports whether a non-ASCII rune is escaped.
func special(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c: // bidi marks
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

const hexDigits = "0123456789abcdef"

// escape escapes s; with max > 0 it stops once the output would pass max
// runes and cuts it to max-1 runes plus "…".
func escape(s string, max int) string {
	var b strings.Builder
	n := 0    // runes written
	keep := 0 // bytes of b that fit in max-1 runes
	keepSet := false
	add := func(piece string, runes int) bool {
		if max > 0 {
			if !keepSet && n+runes > max-1 {
				keep, keepSet = b.Len(), true
			}
			if n+runes > max {
				return false
			}
		}
		b.WriteString(piece)
		n += runes
		return true
	}
	var buf [6]byte
	for i := 0; i < len(s); {
		c := s[i]
		var piece string
		runes := 1
		size := 1
		switch {
		case c == '\t':
			piece, runes = `\t`, 2
		case c == '\n':
			piece, runes = `\n`, 2
		case c == '\r':
			piece, runes = `\r`, 2
		case c < 0x20 || c == 0x7f:
			piece, runes = `\x`+string(hexDigits[c>>4])+string(hexDigits[c&0xf]), 4
		case c < utf8.RuneSelf:
			piece = s[i : i+1]
		default:
			r, sz := utf8.DecodeRuneInString(s[i:])
			size = sz
			switch {
			case r == utf8.RuneError && sz == 1:
				piece, runes = `\x`+string(hexDigits[c>>4])+string(hexDigits[c&0xf]), 4
			case special(r):
				buf = [6]byte{'\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf]}
				piece, runes = string(buf[:]), 6
			default:
				piece = s[i : i+sz]
			}
		}
		if !add(piece, runes) {
			return b.String()[:keep] + "…"
		}
		i += size
	}
	return b.String()
}
