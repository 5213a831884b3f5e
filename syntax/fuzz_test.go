package syntax_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/keyhound/keyhound/syntax"
)

// FuzzScan: any input is scanned without a panic; every pair's positions
// lie inside the input (name before or at the value), a value that is
// neither quoted nor decoded is the input's bytes at its span, and there
// are never more pairs than a small multiple of the input's length.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"BINANCE_API_KEY=abc123\n",
		"cfg := Config{APIKey: \"k\", Secret: `s`}\n",
		"x = os.getenv(\"A\", \"b\") or \"c\"\n",
		"a:\n  - name: X\n    value: \"y\"\n",
		"<add key=\"k\" value=\"v\"/><s name=\"n\">t</s>",
		"{\"source\": [\"k = \\\"v\\\"\\n\"]}",
		"KEY=${X:-y} ${{ secrets.Z }}\n",
		"r#\"raw\"# @\"v\"\"q\" '''t''' \"\"\"u\"\"\"",
		"[section]\nk = v\n[[arr]]\n",
		"data:\n  k: YWJjZGVmZ2hpams=\n",
		"p: |\n  line\n  line2\nq: 1\n",
	} {
		f.Add([]byte(s))
	}
	if ents, err := os.ReadDir("testdata"); err == nil {
		for _, e := range ents {
			if b, err := os.ReadFile(filepath.Join("testdata", e.Name())); err == nil && !e.IsDir() && len(b) < 1<<16 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n := 0
		syntax.Scan(src, func(p *syntax.Pair) {
			n++
			if p.Start < 0 || p.End > len(src) || p.Start > p.End || p.NameStart < 0 || p.NameStart > len(src) {
				t.Fatalf("pair %q=%q at %d..%d (name %d) outside %d bytes", p.Name, p.Value, p.Start, p.End, p.NameStart, len(src))
			}
			if p.Flags&(syntax.Quoted|syntax.Decoded|syntax.Table) == 0 && !bytes.Equal(p.Value, src[p.Start:p.End]) {
				t.Fatalf("bare value %q is not the input at %d..%d (%q)", p.Value, p.Start, p.End, src[p.Start:p.End])
			}
		})
		if n > 8*len(src)+8 {
			t.Fatalf("%d pairs from %d bytes", n, len(src))
		}
	})
}
