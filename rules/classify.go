package rules

import (
	"bytes"
	"strings"

	"github.com/keyhound/keyhound/syntax"
)

// The data rules' matcher. The syntax package yields every (name, value)
// pair of a content; here each pair whose name says it is a part (a key,
// a secret, a passphrase, a private key) becomes a candidate, and the
// candidate's venue is found from, in order: its own name
// (BINANCE_API_KEY), the scopes around it and their members
// (binance: {…}, ccxt.okx({…}), {"exchange": "bybit", "key": …},
// base_url = "https://api.bybit.com"), the nearest mention of a venue
// within a few lines, a value shape that only one venue uses, and last the
// file's path (checked by Keep, since a blob in history is matched before
// its paths are known). The value must then fit that venue's shape for
// the part.

// candidate is a pair that may be a credential part.
type candidate struct {
	value      string
	start, end int
	nameAt     int
	flags      syntax.Flags
	named      *venue  // the venue its own name (or callee) names
	aliases    []alias // the parts its name says it can be
	frames     []frameRef
	positional bool
	prefix     string // the object or section its name reaches into
}

// frameRef is one scope around a candidate, innermost first.
type frameRef struct {
	id    int
	named *venue // the venue the scope's name names
}

type classifier struct {
	s     *Set
	v     *vocab
	c     *content
	cands []candidate
	facts map[int]*venue    // scope id -> the venue a member of it names
	bound map[string]*venue // object or name prefix -> its venue
	words []string
	buf   []string
	cache *nameCache // from the vocab's pool, for one dataMatches call

	free     []Match   // matches of venue-less data rules
	mentions []mention // lazily: lines that name a venue
	kw       *kwHits   // where the set's keywords (venue names among them) occur
	mDone    bool
}

type nameClass struct {
	named   *venue
	aliases []alias
	free    []*rule // venue-less data rules the name (or callee) calls for
	sibling bool
	mark    bool   // some venue's marks name it ("name words=value")
	words   string // the member's words, joined by spaces
	// prefix is the object or section a dotted or nested name is a member
	// of, lower-cased (exchange.Password: "exchange";
	// FREQTRADE__EXCHANGE__KEY: "freqtrade__exchange"); "" for a plain name.
	prefix string
}

// dataMatches returns the matches of the set's data rules in c.
func (s *Set) dataMatches(c *content, path string, kw *kwHits) []Match {
	cl := &classifier{s: s, v: s.vocab, c: c, kw: kw, facts: map[int]*venue{}, bound: map[string]*venue{}}
	cl.cache = s.vocab.caches.get()
	syntax.Scan(c.data, cl.pair)
	s.vocab.caches.put(cl.cache)
	cl.cache = nil
	ms := cl.resolve()
	if path == "" {
		return ms // Keep checks the path of every location
	}
	named := s.vocab.pathVenues(path)
	out := ms[:0]
	for _, m := range ms {
		if m.NeedsPath {
			if !named[m.Exchange] {
				continue
			}
			m.NeedsPath = false
		}
		out = append(out, m)
	}
	return out
}

func (cl *classifier) classify(name []byte) nameClass {
	if nc, ok := cl.cache.names[string(name)]; ok {
		return nc
	}
	prefix, member := splitName(name)
	cl.words = nameWords(member, cl.words)
	named, aliases := cl.v.classifyName(cl.words, cl.buf)
	joined := joinWords(cl.words)
	nc := nameClass{named: named, aliases: aliases, sibling: siblingNames[joined], words: joined, mark: cl.v.markNames[joined]}
	if len(cl.v.free) > 0 {
		nc.free = cl.v.freeRules(cl.words)
	}
	if len(prefix) > 0 {
		nc.prefix = string(bytes.ToLower(prefix))
		if nc.named == nil {
			nc.named = cl.v.venueIn(nameWords(prefix, nil))
		}
	}
	cl.cache.putName(name, nc)
	return nc
}

// classifyCall returns what a callee's name says.
func (cl *classifier) classifyCall(call []byte) callClass {
	if cc, ok := cl.cache.calls[string(call)]; ok {
		return cc
	}
	cw := nameWords(call, nil)
	cc := callClass{named: cl.v.venueIn(cw), client: clientLike(cw), nc: cl.classify(call)}
	cl.cache.putCall(call, cc)
	return cc
}

// pair records what one pair says: a fact about its scope's venue, or a
// candidate part.
func (cl *classifier) pair(p *syntax.Pair) {
	if p.Flags&syntax.Bound != 0 {
		// exchange := ccxt.NewOkx(nil): what exchange.X = … belongs to.
		if cv := cl.classifyCall(p.Call).named; cv != nil {
			cl.bound[string(bytes.ToLower(p.Name))] = cv
		}
		return
	}
	var nc nameClass
	positional := false
	switch {
	case len(p.Name) > 0:
		nc = cl.classify(p.Name)
	case p.Flags&syntax.Line != 0:
		// a key file: its lines are the parts, in order; its path names
		// the venue
		nc = nameClass{aliases: positionAliases(p.Arg)}
		positional = true
	case len(p.Call) == 0 && p.Arg < 0:
		// A string standing alone: only a venue-less rule that asks for
		// context near it (a mnemonic under a "# seed" comment) can take it.
		if rs := cl.v.nearbyFree(); len(rs) > 0 && len(p.Value) >= 16 && len(p.Value) <= 4<<10 {
			cl.freeCandidate(p, rs)
		}
		return
	case len(p.Call) > 0 && p.Arg >= 0:
		cc := cl.classifyCall(p.Call)
		named := cc.named
		nc = cc.nc
		if !strongAlias(nc.aliases, named) || p.Arg > 0 {
			// Client("key", "secret"): a part by position, when the
			// callee names the venue or looks like a client constructor.
			if named == nil && !cc.client {
				if len(nc.free) > 0 && p.Arg == 0 && len(p.Value) >= 4 && len(p.Value) <= 16<<10 {
					cl.freeCandidate(p, nc.free) // Wallet("0x…"), fromMnemonic("…")
				}
				return
			}
			nc = nameClass{named: named, aliases: positionAliases(p.Arg), prefix: nc.prefix, free: nc.free}
			positional = true
		}
	default:
		return
	}
	if nc.mark && len(p.Name) > 0 && len(p.Value) <= 32 {
		if cv := cl.v.marks[nc.words+"="+strings.ToLower(string(p.Value))]; cv != nil {
			if len(p.Frames) > 0 {
				cl.fact(p.Frames[len(p.Frames)-1].ID, cv)
			} else {
				cl.fact(0, cv)
			}
		}
	}
	if nc.sibling {
		if cv := cl.valueVenue(p.Value); cv != nil {
			if nc.prefix != "" {
				cl.bound[nc.prefix] = cv // FREQTRADE__EXCHANGE__NAME=okx
			} else if len(p.Frames) > 0 {
				cl.fact(p.Frames[len(p.Frames)-1].ID, cv)
			} else {
				cl.fact(0, cv) // a document's top level: exchange: bybit
			}
		}
	}
	if cv := cl.hostVenue(p.Value); cv != nil {
		if len(p.Frames) > 0 {
			cl.fact(p.Frames[len(p.Frames)-1].ID, cv)
		} else {
			cl.fact(0, cv)
		}
	}
	if len(nc.free) > 0 && len(p.Value) >= 4 && len(p.Value) <= 16<<10 && (len(p.Name) > 0 || p.Arg == 0) {
		cl.freeCandidate(p, nc.free)
	}
	if len(nc.aliases) == 0 || len(p.Value) < 4 || len(p.Value) > 16<<10 {
		return
	}
	cd := candidate{
		value: string(p.Value), start: p.Start, end: p.End, nameAt: p.NameStart, flags: p.Flags,
		named: nc.named, aliases: nc.aliases, positional: positional, prefix: nc.prefix,
	}
	cd.trim(cl.c.data)
	for i := len(p.Frames) - 1; i >= 0; i-- {
		f := p.Frames[i]
		fr := frameRef{id: f.ID}
		if len(f.Name) > 0 {
			fr.named = cl.classifyCall(f.Name).named // the venue the scope's name names
		}
		cd.frames = append(cd.frames, fr)
	}
	cd.frames = append(cd.frames, frameRef{id: 0}) // the document itself
	cl.cands = append(cl.cands, cd)
}

// freeCandidate matches a pair against venue-less data rules at once: no
// venue to find, the rule's own checks (a wallet key's curve, a
// mnemonic's checksum) decide.
func (cl *classifier) freeCandidate(p *syntax.Pair, rs []*rule) {
	cd := candidate{value: string(p.Value), start: p.Start, end: p.End, nameAt: p.NameStart, flags: p.Flags}
	cd.trim(cl.c.data)
	for _, r := range rs {
		if m, ok := cl.match(r, &cd); ok {
			cl.free = append(cl.free, m)
			return
		}
	}
}

// trim drops the white space around a value (a PEM block's last line
// break): from its span too when the value is the text there.
func (cd *candidate) trim(data []byte) {
	v := strings.TrimSpace(cd.value)
	if len(v) == len(cd.value) {
		return
	}
	if cd.start >= 0 && cd.end <= len(data) && string(data[cd.start:cd.end]) == cd.value {
		lead := strings.Index(cd.value, v)
		cd.start += lead
		cd.end = cd.start + len(v)
	}
	cd.value = v
}

// fact records the venue a member of scope id names (the first one wins);
// id 0 is the document's top level.
func (cl *classifier) fact(id int, cv *venue) {
	if cl.facts[id] == nil {
		cl.facts[id] = cv
	}
}

// strongAlias reports whether a setter's name is a part name that is not
// weak, for any venue or the one the callee names: setApiKey("…") is one,
// AccountAPI("…", "…") is a constructor.
func strongAlias(as []alias, named *venue) bool {
	for _, a := range as {
		if !a.weak && (a.venue == "" || named != nil && a.venue == named.ID) {
			return true
		}
	}
	return false
}

// resolve finds each candidate's venue and turns the ones whose value
// fits into matches.
func (cl *classifier) resolve() []Match {
	cl.distinctiveFacts()
	out := cl.free
	lines := cl.c.lines()
	for i := range cl.cands {
		cd := &cl.cands[i]
		// The first venue named around the candidate decides: its name
		// (or the object it reaches into), else the innermost scope whose
		// members or name name one. A venue named there whose shapes the
		// value does not fit means "not a credential of a venue we know",
		// not "try the next venue mentioned nearby".
		cv := cd.named
		if cv == nil && cd.prefix != "" {
			cv = cl.bound[cd.prefix]
		}
		for _, f := range cd.frames {
			if cv != nil {
				break
			}
			if cv = cl.facts[f.id]; cv == nil {
				cv = f.named
			}
		}
		if cv != nil {
			if m, ok := cl.fit(cd, cv, true, false); ok {
				out = append(out, m)
			}
			continue
		}
		if cv := cl.nearest(lines.line(cd.start), cd.start); cv != nil {
			if m, ok := cl.fit(cd, cv, false, false); ok {
				out = append(out, m)
			}
			continue
		}
		// No venue around it: a shape only one venue uses, else the path.
		for _, cv := range cl.v.venues {
			if m, ok := cl.fit(cd, cv, false, true); ok {
				out = append(out, m)
			}
		}
	}
	return out
}

// distinctiveFacts gives a scope the venue of a distinctive value in it:
// in new ApiCredentials("mx0v…", "…"), the MEXC key names the venue of the
// secret beside it.
func (cl *classifier) distinctiveFacts() {
	for i := range cl.cands {
		cd := &cl.cands[i]
		for _, cv := range cl.v.venues {
			if cl.distinctive(cd, cv) {
				cl.fact(cd.frames[0].id, cv)
				break
			}
		}
	}
}

// distinctive reports whether the candidate's value fits a distinctive
// rule of venue cv for one of its parts.
func (cl *classifier) distinctive(cd *candidate, cv *venue) bool {
	for _, a := range cd.aliases {
		for _, r := range cl.v.rules[cv.ID][a.part] {
			if r.Distinctive && r.value.MatchString(cd.value) {
				return true
			}
		}
	}
	return false
}

// fit returns the match of the first rule of venue cv for one of the
// candidate's parts whose shape the value fits. Without context (loose),
// a distinctive rule matches outright and any other only where the path
// names the venue.
func (cl *classifier) fit(cd *candidate, cv *venue, strong, loose bool) (Match, bool) {
	byPart := cl.v.rules[cv.ID]
	if byPart == nil || referenceLike(cd.value) {
		return Match{}, false
	}
	for _, a := range cd.aliases {
		if a.venue != "" && a.venue != cv.ID || a.weak && !strong {
			continue
		}
		for _, r := range byPart[a.part] {
			m, ok := cl.match(r, cd)
			if !ok {
				continue
			}
			if loose && !r.Distinctive {
				if cd.positional && cd.flags&syntax.Line == 0 {
					continue // Client("a", "b") with no venue anywhere: not enough
				}
				m.NeedsPath = true
			}
			return m, true
		}
	}
	return Match{}, false
}

// match checks a value against a data rule's shape and checks, and makes
// the match: of the whole value, or of the shape's first group when it has
// one ((?:0x)?([0-9a-f]{64}): the key without its 0x), narrowed in the
// text when the value is the text at its span.
func (cl *classifier) match(r *rule, cd *candidate) (Match, bool) {
	loc := r.value.FindStringSubmatchIndex(cd.value)
	if loc == nil {
		return Match{}, false
	}
	secret, start, end := cd.value, cd.start, cd.end
	verbatim := start >= 0 && end <= len(cl.c.data) && string(cl.c.data[start:end]) == cd.value
	if len(loc) >= 4 && loc[2] >= 0 {
		secret = cd.value[loc[2]:loc[3]]
		if verbatim {
			start, end = cd.start+loc[2], cd.start+loc[3]
		}
	}
	m, ok := cl.s.accept(r, cl.c, secret, start, end, cd.nameAt, end)
	if !ok {
		return Match{}, false
	}
	m.Decoded = string(cl.c.data[start:end]) != secret
	return m, true
}
