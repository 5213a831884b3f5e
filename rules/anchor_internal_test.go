package rules

import (
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// anchorCases are regexes whose edges the start filter must respect:
// assertions before the first byte, case folding, non-ASCII, repeats,
// alternations with prefixes of different lengths, empty-able parts.
var anchorCases = []string{
	`\bkey\s*=\s*"([A-Za-z0-9]{8,})"`,
	`(?i)(?:^|[^\w-])key[:=]([a-z0-9]{6})`,
	`(?m)^\s*secret:\s*(\S+)$`,
	`\Bab+c`,
	`(?i)ß[a-z]{2}|é(x)`,
	`[^a-z]{2}(q)`,
	`(?:a|bc|def)+g`,
	`x*y+z?`,
	`(?i)k(?:ey)?\d{2,4}`,
	`.{2}!`,
	`(?s:.)#`,
	`(a?)(b?)c`,
	`é+`,
	`\x{FFFD}q`,
	`[\x{80}-\x{10FFFF}]x`,
	`(?i)\(\s*["']([a-f0-9]{8})["']`,
}

// anchorText makes text rich in the cases' bytes: ASCII, word and
// non-word characters, line breaks, valid and invalid UTF-8.
func anchorText(rng *rand.Rand, n int) []byte {
	pieces := []string{"key", "KEY", "Key", " = ", `"`, "'", "ab", "bbc", "c", "x", "y", "z", "\n", " ", "-", "_", "é", "ß", "SS", "\xff", "\xc3", "\xe2\x82", "#", "!", "q", "(", "secret: ", "def", "g", "0123456789abcdef", "\x00", "\t", "k12", "K9999", "\u00e9x", "\ufffd"}
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(pieces[rng.Intn(len(pieces))])
	}
	return []byte(b.String())
}

// TestStartFilterSameAsRegexp: running a regex only at the start filter's
// candidates finds exactly what FindAllSubmatchIndex (and Match) finds,
// on random text, for edge-case regexes and every default rule's regex,
// nearby regex and allowlist regex.
func TestStartFilterSameAsRegexp(t *testing.T) {
	exprs := append([]string(nil), anchorCases...)
	for _, s := range testSets(t) {
		for _, r := range s.rules {
			if r.hasRe {
				exprs = append(exprs, r.Regex)
			}
			if r.hasNearby {
				exprs = append(exprs, r.Nearby.Regex)
			}
			for _, a := range append(r.allow, s.global...) {
				for _, re := range a.regexes {
					exprs = append(exprs, re.String())
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	filtered, texts := 0, 30
	if raceEnabled {
		texts = 4
	}
	for _, expr := range exprs {
		f := newStartFilter(expr)
		if f == nil {
			continue
		}
		filtered++
		re := regexp.MustCompile(expr)
		for i := 0; i < texts; i++ {
			w := anchorText(rng, 1+rng.Intn(400))
			if got, want := f.findAll(w), re.FindAllSubmatchIndex(w, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q:\n got %v\nwant %v", expr, w, got, want)
			}
			if got, want := f.match(w), re.Match(w); got != want {
				t.Fatalf("%s on %q: match %v, regexp %v", expr, w, got, want)
			}
		}
	}
	if filtered < len(exprs)/2 {
		t.Errorf("only %d of %d regexes have a start filter", filtered, len(exprs))
	}
	for _, expr := range []string{`a*`, `\b`, `(?:x|)`, `^`} {
		if newStartFilter(expr) != nil {
			t.Errorf("%s can match the empty string: it must have no start filter", expr)
		}
	}
}

// testSets are the default rule set and gitleaks' rules.
func testSets(t *testing.T) []*Set {
	packs, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	def, err := Compile(packs...)
	if err != nil {
		t.Fatal(err)
	}
	gp, err := Gitleaks()
	if err != nil {
		t.Fatal(err)
	}
	gl, err := Compile(gp)
	if err != nil {
		t.Fatal(err)
	}
	return []*Set{def, gl}
}

// TestStartFilterCorpus: every regex of the default rules (and of
// gitleaks' rules, on one corpus file in eight: they are many), run
// through its start filter over the corpus, finds what the regexp package
// finds. Under the race detector, one file in eight and the default
// rules only.
func TestStartFilterCorpus(t *testing.T) {
	sets := testSets(t)
	n, file := 0, 0
	if raceEnabled {
		sets = sets[:1]
	}
	err := filepath.WalkDir(filepath.Join("..", "testdata", "corpus"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		file++
		if raceEnabled && file%8 != 0 {
			return nil
		}
		for i, s := range sets {
			if i > 0 && file%8 != 0 {
				continue
			}
			for _, r := range s.rules {
				if !r.hasRe {
					continue
				}
				f := r.starts()
				if f == nil {
					continue
				}
				if got, want := f.findAll(b), r.regex().FindAllSubmatchIndex(b, -1); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s on %s:\n got %v\nwant %v", r.ID, p, got, want)
				}
				n++
			}
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("corpus: %d checks, %v", n, err)
	}
}

// FuzzStartFilter: for any text and any of the edge-case regexes, the
// start filter agrees with the regexp package.
func FuzzStartFilter(f *testing.F) {
	f.Add([]byte("key = \"abcdefgh\"\n\xffkey:abc123"), uint8(0))
	f.Add([]byte("é\xc3ßSSx\n secret: x"), uint8(2))
	filters := make([]*startFilter, len(anchorCases))
	res := make([]*regexp.Regexp, len(anchorCases))
	for i, e := range anchorCases {
		filters[i], res[i] = newStartFilter(e), regexp.MustCompile(e)
	}
	f.Fuzz(func(t *testing.T, w []byte, which uint8) {
		i := int(which) % len(anchorCases)
		if filters[i] == nil {
			return
		}
		if got, want := filters[i].findAll(w), res[i].FindAllSubmatchIndex(w, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s on %q:\n got %v\nwant %v", anchorCases[i], w, got, want)
		}
		if got, want := filters[i].match(w), res[i].Match(w); got != want {
			t.Fatalf("%s on %q: match %v, regexp %v", anchorCases[i], w, got, want)
		}
	})
}
