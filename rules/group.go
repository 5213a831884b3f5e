package rules

import "sort"

// Group is one credential found in one file: the matches that belong
// together (key + secret [+ passphrase]), or a single match of a rule that
// is a finding by itself.
type Group struct {
	// ID is the credential id, or the rule id for a standalone match.
	ID       string
	Exchange string
	// Verify names the verifier for this credential ("" if none).
	Verify string
	// Parts holds one match per part, ordered key, private-key, secret,
	// passphrase.
	Parts []Match
	// Complete is true when every part the credential spec names was
	// found. A standalone match of a rule outside any credential is
	// complete by itself.
	Complete bool
}

// Group pairs the matches of one file (as returned by [Set.Find]) into
// credentials. Each anchor (the key, else the private key) is joined with
// at most one match of every other part within the credential's
// WithinLines, by an order-preserving matching that pairs as many as it
// can at the least distance, so credentials in one file are not crossed
// (key A, key B, secret A, secret B pairs A with A). It is deterministic. Matches that pair with nothing are returned alone,
// marked incomplete when their rule belongs to a credential.
func (s *Set) Group(ms []Match) []Group {
	ms = dedupe(ms)
	used := make([]bool, len(ms))
	var out []Group
	for _, c := range s.credentials {
		inCred := map[string]bool{}
		for _, id := range c.Rules {
			inCred[id] = true
		}
		byPart := map[Part][]int{}
		for i, m := range ms {
			if !used[i] && inCred[m.RuleID] {
				byPart[m.Part] = append(byPart[m.Part], i)
			}
		}
		anchorPart := c.parts[0]
		anchors := byPart[anchorPart]
		if len(anchors) == 0 {
			// No anchor: the other parts still pair among themselves
			// (a secret with its passphrase), anchored on the next part.
			for _, p := range c.parts[1:] {
				if len(byPart[p]) > 0 {
					anchorPart, anchors = p, byPart[p]
					break
				}
			}
		}
		if len(anchors) == 0 {
			continue
		}
		groups := make(map[int][]int, len(anchors)) // anchor -> partner matches
		for _, p := range c.parts {
			if p == anchorPart || len(byPart[p]) == 0 {
				continue
			}
			for _, pr := range s.pairs(ms, anchors, byPart[p], c.WithinLines) {
				if used[pr.b] || hasPart(ms, groups[pr.a], p) || overlapsAny(ms, groups[pr.a], pr.b) {
					continue
				}
				groups[pr.a] = append(groups[pr.a], pr.b)
				used[pr.b] = true
			}
		}
		for _, a := range anchors {
			used[a] = true
			g := Group{ID: c.ID, Exchange: c.Exchange, Verify: c.Verify}
			g.Parts = append(g.Parts, ms[a])
			for _, b := range groups[a] {
				g.Parts = append(g.Parts, ms[b])
			}
			sortParts(g.Parts)
			g.Complete = len(g.Parts) == len(c.parts)
			if g.Exchange == "" {
				g.Exchange = ms[a].Exchange
			}
			if g.Verify == "" {
				g.Verify = s.byID[ms[a].RuleID].Verify
			}
			out = append(out, g)
		}
	}
	for i, m := range ms {
		if used[i] {
			continue
		}
		r := s.byID[m.RuleID]
		g := Group{ID: m.RuleID, Exchange: m.Exchange, Parts: []Match{m}, Complete: true}
		if r != nil {
			g.Verify = r.Verify
			if len(r.creds) > 0 {
				c := s.credentials[r.creds[0]]
				g.ID = c.ID
				g.Complete = false
				if c.Verify != "" {
					g.Verify = c.Verify
				}
			}
		}
		out = append(out, g)
	}
	out = dropClaimed(out)
	out = dropLoneWords(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Parts[0].Start < out[j].Parts[0].Start })
	return out
}

// dropLoneWords removes a credential's lone part whose value is a word or
// an identifier (PASSPHRASE, test_memo, somePhrase,
// bitmex_perpetual_api_key) or a number (1640995200, 2024-01-01, 1.2.3):
// alone, with no key or secret beside it, such a value is a name, a
// filler or a quantity, not a secret. Paired, a word or digit passphrase
// stays (people choose words and PINs).
func dropLoneWords(gs []Group) []Group {
	out := gs[:0]
	for _, g := range gs {
		if !g.Complete && len(g.Parts) == 1 && (wordLike(g.Parts[0].Secret) || numberLike(g.Parts[0].Secret)) {
			continue
		}
		out = append(out, g)
	}
	return out
}

// wordLike reports whether s is letters only, or words of letters joined
// by _ - . or case changes: no digit, no symbol a random value would hold.
func wordLike(s string) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isLower(c) || isUpper(c) {
			continue
		}
		if (c == '_' || c == '-' || c == '.') && i > 0 && i < len(s)-1 {
			continue
		}
		return false
	}
	return true
}

// numberLike reports whether s is digits, or groups of digits joined by
// single separators (. - : / , _ or a space): a count, a timestamp, a
// date, a version.
func numberLike(s string) bool {
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' {
			continue
		}
		switch c {
		case '.', '-', ':', '/', ',', '_', ' ':
			if i > 0 && i < len(s)-1 && isDigit(s[i-1]) && isDigit(s[i+1]) {
				continue
			}
		}
		return false
	}
	return true
}

// dropClaimed removes the lone parts of a credential whose bytes are a
// part of another credential that did pair. Two venues' rules often
// accept the same value (a 64-hex secret is Bitget's and Gate.io's shape,
// a base64url secret Deribit's and Phemex's) and, in a file that names
// several venues, the generic field next to one venue is within the
// other's nearby context too. The venue whose key, secret (and
// passphrase) pair around the value owns it; the other venue's
// unpaired match of the same bytes is the neighbour's value, not a
// second, incomplete credential.
func dropClaimed(gs []Group) []Group {
	type span struct {
		start, end int
		g          int // index in gs of the paired group
	}
	var claimed []span
	maxLen := 0
	for i, g := range gs {
		if len(g.Parts) < 2 {
			continue
		}
		for _, p := range g.Parts {
			claimed = append(claimed, span{p.Start, p.End, i})
			maxLen = max(maxLen, p.End-p.Start)
		}
	}
	if len(claimed) == 0 {
		return gs
	}
	sort.Slice(claimed, func(i, j int) bool { return claimed[i].start < claimed[j].start })
	// owned reports whether m overlaps a part of a paired group of another
	// credential: the claimed parts that can overlap m start before m ends
	// and at most maxLen bytes before m starts.
	owned := func(g Group) bool {
		m := g.Parts[0]
		k := sort.Search(len(claimed), func(i int) bool { return claimed[i].start >= m.End })
		for k--; k >= 0 && claimed[k].start > m.Start-maxLen; k-- {
			c := claimed[k]
			o := gs[c.g]
			if c.end > m.Start && (o.ID != g.ID || o.Exchange != g.Exchange) {
				return true
			}
		}
		return false
	}
	out := make([]Group, 0, len(gs))
	for _, g := range gs {
		if len(g.Parts) == 1 && !g.Complete && owned(g) {
			continue
		}
		out = append(out, g)
	}
	return out
}

type pair struct{ a, b int }

// maxDPCells bounds the pairing table for one cluster; past it, pairing
// falls back to rank order (the i-th anchor with the i-th candidate).
const maxDPCells = 1 << 22

// pairs matches anchors with candidates of one part. The matching is
// order-preserving (never crossed: if key A comes before key B, A's
// secret comes before B's), pairs only within withinLines (0: anywhere),
// and among such matchings takes the one with the most pairs, then the
// least total line distance, then the least byte distance. Both lists are
// split into clusters of matches within withinLines of each other, and
// each cluster is solved by dynamic programming.
func (s *Set) pairs(ms []Match, anchors, cands []int, withinLines int) []pair {
	byStart := func(idx []int) []int {
		out := append([]int(nil), idx...)
		sort.SliceStable(out, func(i, j int) bool { return ms[out[i]].Start < ms[out[j]].Start })
		return out
	}
	as, cs := byStart(anchors), byStart(cands)
	var out []pair
	for len(as) > 0 && len(cs) > 0 {
		// Take the next cluster: matches of both lists whose lines chain
		// together within withinLines.
		na, nc := 1, 0
		if ms[cs[0]].Start < ms[as[0]].Start {
			na, nc = 0, 1
		}
		last := ms[as[0]].Line
		if na == 0 {
			last = ms[cs[0]].Line
		}
		for na < len(as) || nc < len(cs) {
			nextA, nextC := -1, -1
			if na < len(as) {
				nextA = ms[as[na]].Line
			}
			if nc < len(cs) {
				nextC = ms[cs[nc]].Line
			}
			next, isA := nextA, true
			if nextA < 0 || (nextC >= 0 && ms[cs[nc]].Start < ms[as[na]].Start) {
				next, isA = nextC, false
			}
			if withinLines > 0 && next-last > withinLines {
				break
			}
			last = next
			if isA {
				na++
			} else {
				nc++
			}
		}
		out = append(out, matchCluster(ms, as[:na], cs[:nc], withinLines)...)
		as, cs = as[na:], cs[nc:]
		if na == 0 && nc == 0 {
			break
		}
	}
	return out
}

type dpCell struct{ n, dl, db int }

func better(x, y dpCell) bool {
	if x.n != y.n {
		return x.n > y.n
	}
	if x.dl != y.dl {
		return x.dl < y.dl
	}
	return x.db < y.db
}

// matchCluster solves one cluster; see pairs.
func matchCluster(ms []Match, as, cs []int, withinLines int) []pair {
	n, m := len(as), len(cs)
	if n == 0 || m == 0 {
		return nil
	}
	ok := func(i, j int) bool {
		a, b := ms[as[i]], ms[cs[j]]
		return !overlaps(a, b) && (withinLines <= 0 || absInt(a.Line-b.Line) <= withinLines)
	}
	if (n+1)*(m+1) > maxDPCells {
		var out []pair
		for i := 0; i < n && i < m; i++ {
			if ok(i, i) {
				out = append(out, pair{as[i], cs[i]})
			}
		}
		return out
	}
	// dp[i][j]: best matching of as[i:] with cs[j:].
	dp := make([][]dpCell, n+1)
	for i := range dp {
		dp[i] = make([]dpCell, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			best := dp[i+1][j]
			if alt := dp[i][j+1]; better(alt, best) {
				best = alt
			}
			if ok(i, j) {
				a, b := ms[as[i]], ms[cs[j]]
				take := dp[i+1][j+1]
				take.n++
				take.dl += absInt(a.Line - b.Line)
				take.db += absInt(a.Start - b.Start)
				if better(take, best) {
					best = take
				}
			}
			dp[i][j] = best
		}
	}
	var out []pair
	for i, j := 0, 0; i < n && j < m; {
		if ok(i, j) {
			a, b := ms[as[i]], ms[cs[j]]
			take := dp[i+1][j+1]
			take.n++
			take.dl += absInt(a.Line - b.Line)
			take.db += absInt(a.Start - b.Start)
			if take == dp[i][j] {
				out = append(out, pair{as[i], cs[j]})
				i++
				j++
				continue
			}
		}
		if dp[i+1][j] == dp[i][j] {
			i++
		} else {
			j++
		}
	}
	return out
}

func overlaps(a, b Match) bool { return a.Start < b.End && b.Start < a.End }

// overlapsAny reports whether match b overlaps any of the matches idx:
// two parts of one credential are never the same bytes.
func overlapsAny(ms []Match, idx []int, b int) bool {
	for _, i := range idx {
		if overlaps(ms[i], ms[b]) {
			return true
		}
	}
	return false
}

func hasPart(ms []Match, idx []int, p Part) bool {
	for _, i := range idx {
		if ms[i].Part == p {
			return true
		}
	}
	return false
}

var partOrder = map[Part]int{PartKey: 0, PartPrivateKey: 1, PartSecret: 2, PartPassphrase: 3, "": 4}

func sortParts(ps []Match) {
	sort.SliceStable(ps, func(i, j int) bool { return partOrder[ps[i].Part] < partOrder[ps[j].Part] })
}

// dedupe drops a match when another one covers the same bytes as the
// same part: two rules recognising one value make one part, not two. An
// exchange-specific match wins over an exchange-less one (a PEM key seen
// by both the wallet pack and a venue's rule); otherwise the earlier rule
// (Find's order) wins. Matches of different exchanges both stay.
func dedupe(ms []Match) []Match {
	out := ms[:0:0]
	for _, m := range ms {
		dup := false
		for k := len(out) - 1; k >= 0 && out[k].Start == m.Start; k-- {
			o := &out[k]
			// The same value at the same place: a venue's match wins over a
			// venue-less one (a PEM block), whatever either took of the
			// text around it (a trailing \n escape).
			if o.Part != m.Part || o.End != m.End && (o.Exchange == "") == (m.Exchange == "") {
				continue
			}
			if o.Exchange == m.Exchange || m.Exchange == "" {
				dup = true
				break
			}
			if o.Exchange == "" {
				*o = m
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, m)
		}
	}
	return out
}
