package rules

// What ties a value to a venue besides its own name: the members of its
// scope, a base URL, a mention nearby; and what makes a value a name or a
// reference rather than a secret.

import (
	"bytes"
	"sort"
	"strings"
)

// siblingNames mark a member whose value names the venue of its scope:
// {"exchange": "binance", …}, - name: okx, [[accounts]] venue = "bybit".
var siblingNames = map[string]bool{
	"exchange": true, "name": true, "id": true, "venue": true, "exchange name": true, "exchange id": true,
	"exchange type": true, "type": true, "provider": true, "market": true, "broker": true, "connector": true,
	"platform": true, "source": true, "exchange code": true, "cex": true, "exchange class": true, "client": true,
	"driver": true, "kind": true, "exchange key": true, "slug": true,
}

type mention struct {
	line  int
	off   int
	venue *venue
}

// splitName splits a name that reaches into an object or a section at
// its last separator: exchange.Password, $ex->secret, Config::KEY,
// FREQTRADE__EXCHANGE__KEY, /prod/okx/api_key.
func splitName(name []byte) (prefix, member []byte) {
	best, w := -1, 0
	for _, sep := range []string{".", "__", "->", "::", "/"} {
		if i := bytes.LastIndex(name, []byte(sep)); i > best && i+len(sep) < len(name) {
			best, w = i, len(sep)
		}
	}
	if best <= 0 {
		return nil, name
	}
	return name[:best], name[best+w:]
}

func joinWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	n := len(ws) - 1
	for _, w := range ws {
		n += len(w)
	}
	b := make([]byte, 0, n)
	for i, w := range ws {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return string(b)
}

// valueVenue returns the venue a member's value names exactly ("binance",
// "Gate.io", "ccxt.okx"), or nil.
func (cl *classifier) valueVenue(val []byte) *venue {
	if len(val) > 64 {
		return nil
	}
	ws := nameWords(val, nil)
	if len(ws) == 0 || len(ws) > 4 {
		return nil
	}
	for i := range ws {
		if cv, n := cl.v.venueAt(ws, i); cv != nil && (i+n == len(ws) || i == 0) {
			return cv
		}
	}
	return nil
}

// hostVenue returns the venue whose API host a value holds (a base URL).
func (cl *classifier) hostVenue(val []byte) *venue { return cl.v.hostVenue(val) }

func lastCallSegment(call []byte) []byte {
	for i := len(call) - 1; i >= 0; i-- {
		if call[i] == '.' || call[i] == ':' || call[i] == ' ' {
			return call[i+1:]
		}
	}
	return call
}

// clientLike reports whether a callee's words look like a client or
// credentials constructor, whose positional arguments may be parts.
func clientLike(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "client", "credentials", "credential", "auth", "authentication", "exchange", "connector", "session",
			"api", "rest", "sdk", "creds", "keys", "account", "spot", "futures", "trade", "trading", "market":
			return true
		}
	}
	return false
}

// positionAliases: positional arguments are key, secret (or private key),
// passphrase, in that order, as every venue's clients take them.
func positionAliases(arg int) []alias {
	switch arg {
	case 0:
		return []alias{{part: PartKey}}
	case 1:
		return []alias{{part: PartSecret}, {part: PartPrivateKey}}
	case 2:
		return []alias{{part: PartPassphrase}}
	}
	return nil
}

// nearest returns the venue named closest to a candidate at line and
// byte offset off, within that venue's reach in lines and in bytes (on a
// minified line of megabytes, "the same line" says nothing).
func (cl *classifier) nearest(line, off int) *venue {
	if !cl.mDone {
		cl.mDone = true
		cl.mentions = cl.findMentions()
	}
	ms := cl.mentions
	i := sort.Search(len(ms), func(k int) bool { return ms[k].line >= line })
	var best *venue
	bestD := 1 << 30
	for _, k := range []int{i - 1, i} {
		for j := k; j >= 0 && j < len(ms); {
			m := ms[j]
			d := absInt(m.line - line)
			if d > 64 {
				break
			}
			if d <= m.venue.within && absInt(m.off-off) <= nearbyBase+nearbyPerLine*m.venue.within && d < bestD {
				best, bestD = m.venue, d
			}
			if k == i-1 {
				j--
			} else {
				j++
			}
		}
	}
	return best
}

// findMentions lists the lines that name a venue or one of its hosts, as
// whole words.
func (cl *classifier) findMentions() []mention {
	if cl.v.mention == nil {
		return nil
	}
	data := cl.c.data
	lines := cl.c.lines()
	type hit struct{ s, e, venue int }
	var hits []hit
	add := func(s, e, venue int) bool {
		// Whole words only ("gate" is not in "delegate"), where a change
		// of case also starts a word (PoloniexClient, new KrakenApi()).
		camel := e-s >= 5 // WooCommerce is not Woo X; PoloniexClient is Poloniex
		if s > 0 && isLowerFold(data[s-1]) && !(camel && isUpper(data[s]) && !isUpper(data[s-1])) ||
			e < len(data) && isLowerFold(data[e]) && !(camel && isUpper(data[e]) && !isUpper(data[e-1])) {
			return true
		}
		hits = append(hits, hit{s, e, venue})
		return len(hits) < 1<<16
	}
	if pos, ok := cl.keywordPositions(); ok {
		// The keyword pass already found every venue name and host.
		for i, p := range pos {
			for _, s := range p {
				if !add(s, s+len(cl.v.mWords[i]), cl.v.mVenue[i]) {
					break
				}
			}
		}
	} else {
		cl.v.mention.Each(data, func(w, start int) bool {
			return add(start, start+len(cl.v.mWords[w]), cl.v.mVenue[w])
		})
	}
	// The longest name at a place wins: "binance.us" is not also "binance".
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].s != hits[j].s {
			return hits[i].s < hits[j].s
		}
		return hits[i].e > hits[j].e
	})
	var out []mention
	seen := map[[2]int]bool{}
	reach := -1
	for _, h := range hits {
		if h.e <= reach {
			continue
		}
		reach = h.e
		ln := lines.line(h.s)
		if !seen[[2]int{ln, h.venue}] {
			seen[[2]int{ln, h.venue}] = true
			out = append(out, mention{ln, h.s, cl.v.venues[h.venue]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out
}

// referenceLike reports whether a value names something rather than
// being a secret: a dotted identifier (args.passphrase, self.api_key,
// config.secret), an environment variable's name (OKX_PASSPHRASE), a
// template or variable reference, or text that calls itself a secret.
func referenceLike(v string) bool {
	if len(v) == 0 {
		return true
	}
	switch v[0] {
	case '$', '%', '<', '{':
		return true
	}
	dotted, caps := true, true
	parts, under := 1, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '.':
			if i == 0 || i == len(v)-1 || v[i-1] == '.' {
				dotted = false
			}
			parts++
			caps = false
		case c == '_':
			under++
		case isLower(c):
			caps = false
		case isUpper(c) || isDigit(c):
		default:
			dotted, caps = false, false
		}
	}
	if dotted && parts > 1 && (isLower(v[0]) || v[0] == '_') && identSegments(v) {
		return true // args.passphrase, self.api_key (not Maple7731.fox)
	}
	if caps && under > 0 && isUpper(v[0]) {
		return true
	}
	if wordLike(v) {
		lower := strings.ToLower(v)
		for _, w := range []string{"passphrase", "password", "secret", "apikey", "api_key", "api-key"} {
			if strings.Contains(lower, w) {
				return true // my_passphrase, apiSecret: the name, not the value
			}
		}
	}
	return false
}

// identSegments reports whether each dot-separated segment of v starts
// like an identifier (a letter or _).
func identSegments(v string) bool {
	for _, seg := range strings.Split(v, ".") {
		if seg == "" || !(isLower(seg[0]) || isUpper(seg[0]) || seg[0] == '_') {
			return false
		}
	}
	return true
}

// keywordPositions returns, for each venue name and host (the vocabulary's
// mention words), where the set's keyword pass found it, when it kept
// every position.
func (cl *classifier) keywordPositions() ([][]int, bool) {
	kw := cl.kw
	if kw == nil || kw.pos == nil {
		return nil, false
	}
	out := make([][]int, len(cl.v.mWords))
	for i, w := range cl.v.mWords {
		k, ok := cl.s.kwIndex[w]
		if !ok || kw.dense[k] {
			return nil, false
		}
		out[i] = kw.pos[k]
	}
	return out, true
}

// isLowerFold reports a letter in either case (a mention's neighbour that
// would make it part of a longer word).
func isLowerFold(c byte) bool { return isLower(c) || isUpper(c) }
