package syntax

// Lines: indentation scopes (YAML), list items, [sections], line
// keywords (ENV NAME value), block scalars and heredocs.

import "bytes"

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
	vs := k + bytes.Index(src[k:e], v) // past white space trimSpace drops (\f, \v)
	l.emit(name, ns, v, span{vs, vs + len(v)}, 0, nil, -1)
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
