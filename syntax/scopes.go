package syntax

// Scopes: brackets and calls, opened and closed, and the stack of frames.

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
		// A pair's Frames are valid only during its callback: one buffer
		// serves every cut view.
		l.cutView = append(l.cutView[:0], l.base...)
		for i := range l.frames[:l.cut] {
			l.cutView = append(l.cutView, l.frames[i].Frame)
		}
		return l.cutView
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
