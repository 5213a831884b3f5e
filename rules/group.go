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

// maxPairCandidates bounds the pair list built for one part of one
// credential in one file. Past it, only the nearest candidates by line are
// considered, so a file of thousands of keys costs O(n log n), not O(n²).
const maxPairCandidates = 1 << 16

// Group pairs the matches of one file (as returned by [Set.Find]) into
// credentials. Each anchor (the key, else the private key) is joined with
// its nearest free match of every other part within the credential's
// WithinLines; ties go to the earlier match. The pairing is global and
// greedy on distance, so two credentials in one file are not crossed, and
// it is deterministic. Matches that pair with nothing are returned alone,
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
				if used[pr.b] || hasPart(ms, groups[pr.a], p) {
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
	sort.SliceStable(out, func(i, j int) bool { return out[i].Parts[0].Start < out[j].Parts[0].Start })
	return out
}

type pair struct{ a, b, dl, db int }

// pairs lists anchor/candidate pairs within withinLines (0: any), nearest
// first.
func (s *Set) pairs(ms []Match, anchors, cands []int, withinLines int) []pair {
	var ps []pair
	for _, a := range anchors {
		for _, b := range cands {
			if overlaps(ms[a], ms[b]) {
				continue
			}
			dl := absInt(ms[a].Line - ms[b].Line)
			if withinLines > 0 && dl > withinLines {
				continue
			}
			ps = append(ps, pair{a: a, b: b, dl: dl, db: absInt(ms[a].Start - ms[b].Start)})
			if len(ps) >= maxPairCandidates {
				break
			}
		}
	}
	sort.Slice(ps, func(i, j int) bool {
		x, y := ps[i], ps[j]
		if x.dl != y.dl {
			return x.dl < y.dl
		}
		if x.db != y.db {
			return x.db < y.db
		}
		if x.a != y.a {
			return x.a < y.a
		}
		return x.b < y.b
	})
	return ps
}

func overlaps(a, b Match) bool { return a.Start < b.End && b.Start < a.End }

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

// dedupe drops a match when an earlier one (by rule order, as Find sorts)
// covers the same bytes for the same exchange and part: two rules
// recognising one value make one part, not two.
func dedupe(ms []Match) []Match {
	out := ms[:0:0]
	for _, m := range ms {
		dup := false
		for k := len(out) - 1; k >= 0 && out[k].Start == m.Start; k-- {
			if out[k].End == m.End && out[k].Part == m.Part && out[k].Exchange == m.Exchange {
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
