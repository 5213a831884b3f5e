package syntax_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/internal/cpuclock"
	"github.com/keyhound/keyhound/syntax"
)

// hostile inputs built to hit each bounded scan of the lexer again and
// again: unmatched quotes on one long line, unclosed ${, tags without
// ends, deep brackets, values read again, long YAML blocks.
var hostile = map[string]string{
	"unmatched double quotes": `"\"`,
	"unmatched single quotes": ` 'a`,
	"unmatched backticks":     " `a\\",
	"triple quotes":           `"""x`,
	"unclosed expansions":     "${X:-a",
	"tags without ends":       "<a b=",
	"element text":            "<a>x",
	"deep brackets":           "({[",
	"values read again":       `k="a=b:c=d" `,
	"base64 values":           "k: YWJjZGVmZ2hpams= ",
	"members":                 `{"key":"a","value":"b"}`,
	"calls with literals":     `f("A","b",`,
	"yaml keys":               "a:\n ",
	"section headers":         "[a]\n",
	"flags":                   " --a b",
}

// TestScanIsLinear: every hostile input costs about sixteen times as much
// at sixteen times the size (quadratic growth would be 256). Timing is
// noisy (the machine is shared, tests run in parallel), so each size is
// measured in CPU time of its thread, several times, the fastest runs are
// compared, and the bound is generous: a quadratic path fails it by far,
// noise does not.
func TestScanIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing at two sizes")
	}
	for name, unit := range hostile {
		t.Run(name, func(t *testing.T) {
			small := []byte(strings.Repeat(unit, 50000/len(unit)+1))
			large := bytes.Repeat(small, 16)
			ts, tl := fastest(small), fastest(large)
			if ratio := float64(tl) / float64(ts); ratio > 64 {
				t.Errorf("16x the input took %.1fx the time (%v -> %v)", ratio, ts, tl)
			}
		})
	}
}

// fastest is the least CPU one Scan of src took in five runs (CPU time of
// the scanning thread: a busy machine's waits are not counted).
func fastest(src []byte) time.Duration {
	return cpuclock.Fastest(5, func() { syntax.Scan(src, func(*syntax.Pair) {}) })
}

func BenchmarkScan(b *testing.B) {
	inputs := map[string][]byte{
		"go source":   bytes.Repeat([]byte("func (s *Scanner) Dir(ctx context.Context, root string) (Stats, error) {\n\tif err := s.check(); err != nil {\n\t\treturn st, fmt.Errorf(\"dir %q: %w\", root, err)\n\t}\n\tcfg := Config{APIKey: \"abc\", Secret: os.Getenv(\"S\")}\n}\n"), 4000),
		"json":        bytes.Repeat([]byte(`{"name": "binance", "apiKey": "abcdef0123456789", "nested": {"list": [1, 2, "three"], "url": "https://api.binance.com/api/v3"}},`+"\n"), 4000),
		"minified js": bytes.Repeat([]byte(`var a=function(b,c){return b+c},d={e:"f",g:[1,2,3]};a(d.e,"x");`), 8000),
		"yaml":        bytes.Repeat([]byte("exchanges:\n  - name: okx\n    api_key: \"abc\"\n    secret: def\n    options:\n      defaultType: swap\n"), 4000),
		"prose":       bytes.Repeat([]byte("It's the key: don't share it. The secret is kept in a vault, and rotated monthly.\n"), 6000),
	}
	for name, src := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				syntax.Scan(src, func(*syntax.Pair) {})
			}
		})
	}
}
