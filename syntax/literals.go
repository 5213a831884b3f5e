package syntax

// String literals in every common quoting, and where a literal goes: a
// value, a name, an argument, an element or text.

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
