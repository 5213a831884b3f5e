package rules

import (
	"fmt"
	"strings"
	"testing"
)

// longLine is n credentials on one line: Binance keys and secrets,
// repeated or (unique) each different.
func longLine(n int, unique bool) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		k := "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf"
		sec := "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
		if unique {
			k = fmt.Sprintf("%s%08d", k[:56], i)
			sec = fmt.Sprintf("%s%08d", sec[:56], i)
		}
		b.WriteString(`BINANCE_API_KEY="` + k + `"; BINANCE_API_SECRET="` + sec + `"; `)
	}
	return []byte(b.String())
}

// TestLongLineMarkerWorkLinear: the allow markers are looked for once per
// content, not once per match over the match's line. 8,000 credentials
// on one 1.35 MB line took 9.6 s, 65% of it searching the line for
// markers again for each match: 250 credentials searched 43 MB, 1000
// searched 684 MB (ratio 16).
func TestLongLineMarkerWorkLinear(t *testing.T) {
	s := defaultSet(t)
	for _, unique := range []bool{false, true} {
		work := func(n int) int {
			var w workCount
			if got := len(s.find(longLine(n, unique), "", &w)); got != 2*n {
				t.Fatalf("%d credentials: %d matches, want %d", n, got, 2*n)
			}
			return w.markerBytes
		}
		a, b := work(250), work(1000)
		if r := float64(b) / float64(a); r > 6 {
			t.Errorf("unique %v: marker search read %d bytes for 250 credentials on a line, %d for 1000: ratio %.1f, want about 4 (linear), at most 6", unique, a, b, r)
		}
	}
}

// TestAllowMarkerLookup: a marker anywhere on a match's line (or lines)
// suppresses it, however long the line; one on another line does not.
func TestAllowMarkerLookup(t *testing.T) {
	s := defaultSet(t)
	line := string(longLine(50, true))
	tests := []struct {
		name, text string
		want       int
	}{
		{"no marker", line + "\n", 100},
		{"marker at the end of the long line", line + " # keyhound:allow\n", 0},
		{"marker at the start", "// gitleaks:allow " + line + "\n", 0},
		{"marker on the line before", "# keyhound:allow\n" + line + "\n", 100},
		{"marker on the line after", line + "\n# keyhound:allow\n", 100},
		{"marker cut short by a line break", line + " keyhound:al\nlow\n", 100},
	}
	for _, tt := range tests {
		if got := len(s.Find([]byte(tt.text), "")); got != tt.want {
			t.Errorf("%s: %d matches, want %d", tt.name, got, tt.want)
		}
	}
}

func defaultSet(t testing.TB) *Set {
	t.Helper()
	packs, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// postPack has a specific rule, a generic one that sees the same values
// (whole, or without their first characters), and a composite rule that
// needs the specific one within some columns: gitleaks' precedence and
// composite rules, exercised on one long line.
const postPack = `
[[rules]]
id = "tok-specific"
regex = '''tok_([a-z0-9]{24})'''
keywords = ["tok_"]
[[rules]]
id = "generic-whole"
regex = '''=\s*tok_([a-z0-9]{24})'''
keywords = ["tok_"]
[[rules]]
id = "generic-tail"
regex = ''':\s*tok_[a-z0-9]{4}([a-z0-9]{20})'''
keywords = ["tok_"]
[[rules]]
id = "ctx-needs-tok"
regex = '''ctx_([a-z0-9]{24})'''
keywords = ["ctx_"]
[[rules.required]]
id = "tok-specific"
withinColumns = 80
[[rules]]
id = "ctx-needs-tok-lines"
regex = '''cty_([a-z0-9]{24})'''
keywords = ["cty_"]
[[rules.required]]
id = "tok-specific"
withinLines = 0
`

func postLine(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "a=tok_%024d b:tok_%024d ctx_%024d cty_%024d; ", 2*i, 2*i+1, i, i)
	}
	return []byte(b.String())
}

// TestLongLinePostFiltersLinear: gitleaks' generic-versus-specific
// precedence and composite rules compared every match with every other
// one on its line (or in its file): 250 credentials on a line cost 0.19 M
// comparisons, 1000 cost 3.0 M (ratio 16). They are found by lookup now,
// with the same results.
func TestLongLinePostFiltersLinear(t *testing.T) {
	p, err := Parse("post.toml", []byte(postPack))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	work := func(n int) int {
		var w workCount
		ms := s.find(postLine(n), "", &w)
		count := map[string]int{}
		for _, m := range ms {
			count[m.RuleID]++
		}
		want := map[string]int{"tok-specific": 2 * n, "ctx-needs-tok": n, "ctx-needs-tok-lines": n}
		if fmt.Sprint(count) != fmt.Sprint(want) {
			t.Fatalf("%d credentials: matches by rule %v, want %v (generic ones shadowed, composite ones kept)", n, count, want)
		}
		return w.postCompares
	}
	a, b := work(250), work(1000)
	if r := float64(b) / float64(a); r > 6 {
		t.Errorf("post-filters compared %d times for 250 credentials on a line, %d for 1000: ratio %.1f, want about 4 (linear), at most 6", a, b, r)
	}
}
