package rules

import (
	"index/suffixarray"
	"sort"
	"strings"
)

// applyRequired enforces gitleaks' composite rules: a match of a rule with
// Required entries survives only when each required rule also matched
// within the given distance. Matches of rules marked SkipReport are
// dropped after serving as required context. The required rules'
// positions are sorted once, so each check is a binary search, not a pass
// over every match of the content.
func (s *Set) applyRequired(ms []Match, work *workCount) []Match {
	needs := false
	for _, m := range ms {
		if r := s.byID[m.RuleID]; len(r.Required) > 0 || r.SkipReport {
			needs = true
			break
		}
	}
	if !needs {
		return ms
	}
	idx := map[string]*positions{}
	for _, m := range ms {
		for _, q := range s.byID[m.RuleID].Required {
			if idx[q.ID] == nil {
				idx[q.ID] = &positions{work: work}
			}
		}
	}
	for _, m := range ms {
		if p := idx[m.RuleID]; p != nil {
			p.byLine = append(p.byLine, lineCol{m.Line, m.Column})
			p.byCol = append(p.byCol, m.Column)
		}
	}
	for _, p := range idx {
		sort.Slice(p.byLine, func(i, j int) bool {
			a, b := p.byLine[i], p.byLine[j]
			return a.line < b.line || a.line == b.line && a.col < b.col
		})
		sort.Ints(p.byCol)
	}
	out := ms[:0:0]
	for _, m := range ms {
		r := s.byID[m.RuleID]
		if r.SkipReport {
			continue
		}
		ok := true
		for _, q := range r.Required {
			if !idx[q.ID].near(m.Line, m.Column, q.WithinLines, q.WithinColumns) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, m)
		}
	}
	return out
}

type lineCol struct{ line, col int }

// positions are where one rule matched in a content.
type positions struct {
	byLine []lineCol // by line, then column
	byCol  []int     // columns, ascending
	work   *workCount
}

// search is sort.Search, counting probes.
func (p *positions) search(n int, f func(int) bool) int {
	return sort.Search(n, func(i int) bool {
		if p.work != nil {
			p.work.postCompares++
		}
		return f(i)
	})
}

// near reports whether a position lies within lines (when set) and
// columns (when set) of line, col.
func (p *positions) near(line, col int, lines, cols *int) bool {
	n := len(p.byLine)
	switch {
	case n == 0:
		return false
	case lines == nil && cols == nil:
		return true
	case lines == nil:
		i := p.search(n, func(i int) bool { return p.byCol[i] >= col-*cols })
		return i < n && p.byCol[i] <= col+*cols
	}
	w := *lines
	i := p.search(n, func(i int) bool { return p.byLine[i].line >= line-w })
	if cols == nil {
		return i < n && p.byLine[i].line <= line+w
	}
	c := *cols
	// Each line in reach: the first position at or right of col-c.
	for i < n && p.byLine[i].line <= line+w {
		l := p.byLine[i].line
		j := i + p.search(n-i, func(k int) bool { e := p.byLine[i+k]; return e.line > l || e.col >= col-c })
		if j < n && p.byLine[j].line == l && p.byLine[j].col <= col+c {
			return true
		}
		i = j + p.search(n-j, func(k int) bool { return p.byLine[j+k].line > l })
	}
	return false
}

// preferSpecific drops a match of a rule whose id says "generic" when a
// match of a rule that does not, on the same line, holds its secret: a
// GitHub token assigned to GITHUB_TOKEN is a github-pat, not a generic
// key. This is gitleaks' precedence, kept so that its rule set reports
// here what it reports there.
func (s *Set) preferSpecific(ms []Match, work *workCount) []Match {
	generic := func(m *Match) bool { return s.byID[m.RuleID].generic }
	any := false
	for i := range ms {
		if generic(&ms[i]) {
			any = true
			break
		}
	}
	if !any {
		return ms
	}
	byLine := map[int]*lineSecrets{}
	for j := range ms {
		if !generic(&ms[j]) {
			ls := byLine[ms[j].Line]
			if ls == nil {
				ls = &lineSecrets{set: map[string]bool{}, work: work}
				byLine[ms[j].Line] = ls
			}
			if !ls.set[ms[j].Secret] {
				ls.set[ms[j].Secret] = true
				ls.list = append(ls.list, ms[j].Secret)
			}
		}
	}
	if len(byLine) == 0 {
		return ms
	}
	out := ms[:0]
	for i := range ms {
		m := ms[i]
		if generic(&m) {
			if ls := byLine[m.Line]; ls != nil && ls.holds(m.Secret) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// lineSecrets are the distinct secrets of the specific matches on one
// line. Whether one of them holds a string is answered from a suffix
// array once there are more than a few, so a line of thousands of
// matches costs n log n, not n².
type lineSecrets struct {
	set   map[string]bool
	list  []string
	index *suffixarray.Index // over list joined by NUL, built on first need
	memo  map[string]bool
	work  *workCount
}

// directSecrets: up to this many secrets on a line are searched directly.
const directSecrets = 8

func (ls *lineSecrets) holds(sub string) bool {
	if ls.work != nil {
		ls.work.postCompares++
	}
	if ls.set[sub] {
		return true
	}
	if v, ok := ls.memo[sub]; ok {
		return v
	}
	found := false
	if len(ls.list) <= directSecrets || sub == "" || strings.IndexByte(sub, 0) >= 0 {
		for _, t := range ls.list {
			if ls.work != nil {
				ls.work.postCompares++
			}
			if strings.Contains(t, sub) {
				found = true
				break
			}
		}
	} else {
		if ls.index == nil {
			ls.index = suffixarray.New([]byte(strings.Join(ls.list, "\x00")))
			if ls.work != nil {
				ls.work.postCompares += len(ls.list)
			}
		}
		found = len(ls.index.Lookup([]byte(sub), 1)) > 0
	}
	if ls.memo == nil {
		ls.memo = map[string]bool{}
	}
	ls.memo[sub] = found
	return found
}
