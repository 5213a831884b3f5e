package rules

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// refRequired and refPreferSpecific are the direct definitions (every
// match against every other), kept to check the indexed versions.
func (s *Set) refRequired(ms []Match) []Match {
	var out []Match
	for _, m := range ms {
		r := s.byID[m.RuleID]
		if r.SkipReport {
			continue
		}
		ok := true
		for _, q := range r.Required {
			found := false
			for _, o := range ms {
				if o.RuleID == q.ID &&
					(q.WithinLines == nil || absInt(o.Line-m.Line) <= *q.WithinLines) &&
					(q.WithinColumns == nil || absInt(o.Column-m.Column) <= *q.WithinColumns) {
					found = true
					break
				}
			}
			ok = ok && found
		}
		if ok {
			out = append(out, m)
		}
	}
	return out
}

func (s *Set) refPreferSpecific(ms []Match) []Match {
	var out []Match
	for _, m := range ms {
		shadowed := false
		if s.byID[m.RuleID].generic {
			for _, o := range ms {
				if !s.byID[o.RuleID].generic && o.Line == m.Line && strings.Contains(o.Secret, m.Secret) {
					shadowed = true
				}
			}
		}
		if !shadowed {
			out = append(out, m)
		}
	}
	return out
}

// TestPostFiltersMatchDefinition: on random matches and random composite
// rules (lines, columns, both, neither, negative), the indexed filters
// keep exactly what the definitions keep; lines hold enough distinct
// secrets that precedence is answered from the suffix array too.
func TestPostFiltersMatchDefinition(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 300; iter++ {
		var pack strings.Builder
		ids := []string{"a", "b", "generic-c", "generic-d", "e"}
		for _, id := range ids {
			fmt.Fprintf(&pack, "[[rules]]\nid = %q\nregex = '%s_x'\n", id, id)
			if id == "e" && rng.Intn(2) == 0 {
				pack.WriteString("skipReport = true\n")
			}
			for k := rng.Intn(3); k > 0; k-- {
				fmt.Fprintf(&pack, "[[rules.required]]\nid = %q\n", ids[rng.Intn(len(ids))])
				if rng.Intn(2) == 0 {
					fmt.Fprintf(&pack, "withinLines = %d\n", rng.Intn(4)-1)
				}
				if rng.Intn(2) == 0 {
					fmt.Fprintf(&pack, "withinColumns = %d\n", rng.Intn(30)-2)
				}
			}
		}
		p, err := Parse("r.toml", []byte(pack.String()))
		if err != nil {
			t.Fatal(err)
		}
		s, err := Compile(p)
		if err != nil {
			t.Fatal(err)
		}
		var ms []Match
		for n := rng.Intn(80); n > 0; n-- {
			b := make([]byte, 1+rng.Intn(6))
			for i := range b {
				b[i] = "abc"[rng.Intn(3)]
			}
			ms = append(ms, Match{RuleID: ids[rng.Intn(len(ids))], Line: 1 + rng.Intn(3), Column: 1 + rng.Intn(60), Secret: string(b)})
		}
		if got, want := s.applyRequired(append([]Match(nil), ms...), nil), s.refRequired(ms); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("iter %d: required kept %v, definition %v\npack:\n%s", iter, got, want, pack.String())
		}
		if got, want := s.preferSpecific(append([]Match(nil), ms...), nil), s.refPreferSpecific(ms); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("iter %d: precedence kept %v, definition %v", iter, got, want)
		}
	}
}
