package syntax

// Emitting pairs, with their scopes and the call they belong to, and
// pairing name/value siblings.

// emit yields a pair, reads its value again when it holds more text, and
// records name/value members of the innermost scope.
func (l *lexer) emit(name []byte, nameAt int, val []byte, at span, flags Flags, call []byte, arg int) {
	if l.depth > 0 {
		flags |= Decoded
	}
	if d, ok := decodeBase64Text(val); ok {
		l.emitOne(name, nameAt, d, at, flags|Base64|Decoded, call, arg)
		l.again(name, nameAt, d, at, flags|Base64|Decoded)
		return
	}
	l.emitOne(name, nameAt, val, at, flags, call, arg)
	if name != nil {
		l.member(l.top(), name, val, at)
	}
	l.again(name, nameAt, val, at, flags)
}

func (l *lexer) emitOne(name []byte, nameAt int, val []byte, at span, flags Flags, call []byte, arg int) {
	if call == nil && name != nil {
		call = l.enclosingCall()
	}
	flags |= l.flagsIn
	if l.depth > 0 {
		flags |= Decoded // read from inside another value: its span is the outer value's
	}
	p := &l.pair
	*p = Pair{Name: name, Value: val, NameStart: nameAt, Start: at.s, End: at.e, Call: call, Arg: arg, Flags: flags}
	if l.depth > 0 {
		in := l.inputSpan(at)
		p.Start, p.End, p.NameStart = in.s, in.e, in.s
		if n, ok := l.inputOffset(nameAt); ok && n <= in.s {
			p.NameStart = n
		}
	}
	p.Frames = l.frameView()
	l.fn(p)
}

// enclosingCall is the callee a keyword argument or a member belongs to:
// Client(api_key=…) and ccxt.okx({apiKey: …}), not deeper.
func (l *lexer) enclosingCall() []byte {
	n := len(l.frames) - 1
	if l.cut >= 0 && l.cut <= n {
		n = l.cut - 1
	}
	if n < 0 {
		return nil
	}
	f := &l.frames[n]
	literal := f.Kind == Object || f.Kind == Array || f.Kind == Call && isLiteralCall(f.Name)
	if literal && n > 0 && l.frames[n-1].Kind == Call && !l.frames[n-1].subscr {
		return l.frames[n-1].Name // ccxt.okx({…}), new \ccxt\okx(array(…))
	}
	if f.Kind == Call && !f.subscr {
		return f.Name
	}
	return nil
}

// member records NAME/VALUE siblings: {"key": "NAME", "value": "…"},
// <add key="NAME" value="…"/>, - name: NAME / value: ….
func (l *lexer) member(f *frame, name, val []byte, at span) {
	if f == nil || f.memDone || len(val) > maxMember {
		return
	}
	switch memberRole(name) {
	case 1:
		if !nameLike(val) && !pathLike(val) {
			return
		}
		f.memName, f.memNameAt = val, at.s
	case 2:
		f.memVal, f.memValAt = val, at
	default:
		return
	}
	if f.memName != nil && f.memVal != nil {
		f.memDone = true
		l.emitOne(f.memName, f.memNameAt, f.memVal, f.memValAt, Decoded, nil, -1)
	}
}
