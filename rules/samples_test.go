package rules_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/keyhound/keyhound/rules"
)

// sampleFile is the shape of testdata/rules/*.toml: true positives that a
// rule must find (with the exact secret when given), false positives it
// must not, and whole-file credential samples that must pair.
type sampleFile struct {
	TP []struct {
		Rule   string `toml:"rule"`
		Text   string `toml:"text"`
		Secret string `toml:"secret"`
		Path   string `toml:"path"` // the file's path, when it matters
	} `toml:"tp"`
	FP []struct {
		Rule string `toml:"rule"`
		Text string `toml:"text"`
		Why  string `toml:"why"`
	} `toml:"fp"`
	Credential []struct {
		ID       string            `toml:"id"`
		Path     string            `toml:"path"`
		Text     string            `toml:"text"`
		Complete bool              `toml:"complete"`
		Parts    map[string]string `toml:"parts"` // part -> expected secret
	} `toml:"credential"`
}

func loadSamples(t *testing.T) map[string]*sampleFile {
	t.Helper()
	files, err := filepath.Glob("../testdata/rules/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*sampleFile{}
	for _, f := range files {
		var sf sampleFile
		md, err := toml.DecodeFile(f, &sf)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if und := md.Undecoded(); len(und) > 0 {
			t.Fatalf("%s: unknown key %s", f, und[0])
		}
		out[filepath.Base(f)] = &sf
	}
	return out
}

func defaultSet(t testing.TB) *rules.Set {
	t.Helper()
	packs, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := rules.Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// findKept is a sample's matches without those that hold only where the
// file's path names the venue (samples have no path).
func findKept(set *rules.Set, text string) []rules.Match {
	var out []rules.Match
	for _, m := range set.Find([]byte(text), "") {
		if !m.NeedsPath {
			out = append(out, m)
		}
	}
	return out
}

// findAt is a sample's matches at a path ("" for none).
func findAt(set *rules.Set, text, path string) []rules.Match {
	if path == "" {
		return findKept(set, text)
	}
	return set.Find([]byte(text), path)
}

// TestDefaultRuleSamples runs every true- and false-positive sample and
// fails for any default rule that ships without both kinds.
func TestDefaultRuleSamples(t *testing.T) {
	set := defaultSet(t)
	samples := loadSamples(t)
	tp := map[string]int{}
	fp := map[string]int{}
	names := make([]string, 0, len(samples))
	for n := range samples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		sf := samples[name]
		for i, s := range sf.TP {
			if _, ok := set.Rule(s.Rule); !ok {
				t.Errorf("%s tp %d: unknown rule %q", name, i+1, s.Rule)
				continue
			}
			tp[s.Rule]++
			ms := findAt(set, s.Text, s.Path)
			found := false
			for _, m := range ms {
				if m.RuleID == s.Rule && (s.Secret == "" || m.Secret == s.Secret) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s tp %d: rule %s did not find %q in:\n%s\ngot %v", name, i+1, s.Rule, s.Secret, s.Text, ruleIDs(ms))
			}
		}
		for i, s := range sf.FP {
			if _, ok := set.Rule(s.Rule); !ok {
				t.Errorf("%s fp %d: unknown rule %q", name, i+1, s.Rule)
				continue
			}
			fp[s.Rule]++
			for _, m := range findKept(set, s.Text) {
				if m.RuleID == s.Rule {
					t.Errorf("%s fp %d (%s): rule %s reported %q in:\n%s", name, i+1, s.Why, s.Rule, m.Secret, s.Text)
				}
			}
		}
		for i, c := range sf.Credential {
			groups := set.Group(findAt(set, c.Text, c.Path))
			ok := false
			for _, g := range groups {
				if g.ID != c.ID || g.Complete != c.Complete {
					continue
				}
				got := map[string]string{}
				for _, p := range g.Parts {
					got[string(p.Part)] = p.Secret
				}
				match := true
				for part, want := range c.Parts {
					if got[part] != want {
						match = false
					}
				}
				if match {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s credential %d: no group %s complete=%v with parts %v; got %s", name, i+1, c.ID, c.Complete, c.Parts, describe(groups))
			}
		}
	}
	for _, r := range set.Rules() {
		if tp[r.ID] == 0 {
			t.Errorf("rule %s has no true-positive sample in testdata/rules", r.ID)
		}
		if fp[r.ID] == 0 {
			t.Errorf("rule %s has no false-positive sample in testdata/rules", r.ID)
		}
	}
}

// TestDefaultPacksCoverVenues checks that every venue the product promises
// has rules and a credential spec or a standalone rule.
func TestDefaultPacksCoverVenues(t *testing.T) {
	set := defaultSet(t)
	have := map[string]bool{}
	for _, e := range set.Exchanges() {
		have[e] = true
	}
	for _, want := range []string{
		"binance", "binance-us", "coinbase", "kraken", "okx", "bybit", "kucoin", "bitfinex",
		"gemini", "bitstamp", "htx", "gateio", "mexc", "bitget", "cryptocom", "deribit",
		"bitmex", "woox", "bitmart", "bitvavo", "poloniex", "upbit", "phemex",
	} {
		if !have[want] {
			t.Errorf("no default rule for exchange %q", want)
		}
	}
}

func ruleIDs(ms []rules.Match) string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.RuleID+"="+m.Secret)
	}
	return strings.Join(ids, ", ")
}

func describe(gs []rules.Group) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString("\n  " + g.ID)
		if g.Complete {
			b.WriteString(" complete:")
		} else {
			b.WriteString(" incomplete:")
		}
		for _, p := range g.Parts {
			b.WriteString(" " + string(p.Part) + "=" + p.Secret)
		}
	}
	return b.String()
}

var _ = os.Getenv
