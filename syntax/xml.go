package syntax

// XML and HTML: elements as scopes, attributes as members, element text
// as a member of its parent.

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

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
