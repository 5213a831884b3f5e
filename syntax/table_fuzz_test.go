package syntax

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/keyhound/keyhound/internal/cpuclock"
)

// FuzzScanTables: scanTables never panics, and every pair it yields
// lies within the input, holds a non-empty name and value, and (when
// not quoted) its value is exactly the bytes of its cellSpan.
//
// go test ./syntax/ -run '^$' -fuzz '^FuzzScanTables$' -fuzztime 60s
func FuzzScanTables(f *testing.F) {
	for _, s := range []string{
		"a,b\nc,d\n",
		"\"a\",\"b\"\n\"c\"\"\",\"d\ne\"\n",
		"sep=|\nx|y\n1|2\n",
		"| a | b |\n|---|:-:|\n| `c` | d |\n",
		"INSERT INTO t (a, b) VALUES ('x', 1), (NOW(), 'y''z');",
		"insert into `t`(`a`) values ('\\'');",
		"CREATE TABLE t (a int, b text); INSERT INTO t VALUES (1, 'x');",
		"COPY t (a, b) FROM stdin;\n1\t\\N\n\\.\n",
		"CREATE TABLE t (a int);\nCOPY t FROM stdin;\nx\\ty\n",
		"INSERT INTO t (a) VALUES ('",
		"# c\na;b\n\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		scanTables(src, func(p *Pair) { checkTablePair(t, src, p) })
	})
}

// TestTableLinear: hostile inputs (unterminated quotes and statements,
// deep nesting, thousands of keywords, pipes and columns) cost time
// linear in their size: four times the input takes well under sixteen
// times as long (best of three in CPU time, generous bounds: the machine
// is shared).
func TestTableLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing ratios")
	}
	units := map[string]string{
		"unterminated insert":  "INSERT INTO t (a, b) VALUES ('x', '",
		"insert prefixes":      "INSERT INTO t (a",
		"create prefixes":      "CREATE TABLE t (a int, b ",
		"nested parens":        "INSERT INTO t (a) VALUES ((((((((",
		"copy headers":         "COPY t (a) FROM stdin;\n",
		"comments":             "INSERT /* INTO t (a) VALUES ('",
		"csv quote":            "a,b\n\"x,\"\"",
		"csv wide":             "c1,c2,c3,c4,c5,c6,c7,c8\n1,2,3,4,5,6,7,8\n",
		"markdown separators":  "| a | b |\n|---|---|\n",
		"markdown headers":     "| a | b |\n",
		"pipes without tables": "|-|-|-|-|-|-|\n",
		"keywords":             "insert replace copy create ",
	}
	for name, unit := range units {
		t.Run(name, func(t *testing.T) {
			small := []byte(strings.Repeat(unit, 1<<16/len(unit)+1))
			large := bytes.Repeat(small, 4)
			ts, tl := bestOf3(small), bestOf3(large)
			if tl > 16*ts+5*time.Millisecond {
				t.Errorf("%d bytes: %v; 4x the input: %v (ratio %.1f)", len(small), ts, tl, float64(tl)/float64(ts))
			}
		})
	}
}

// bestOf3 is the least CPU time (of the scanning thread) one scan of the
// tables in src took in three runs.
func bestOf3(src []byte) time.Duration {
	return cpuclock.Fastest(3, func() { scanTables(src, func(*Pair) {}) })
}

// TestTableMemory: what scanTables allocates does not grow with the
// input: four times a hostile input allocates no more than the input
// itself, give or take 64 KiB (the callback here keeps nothing).
func TestTableMemory(t *testing.T) {
	var wide strings.Builder
	for i := range maxTableColumns + 10 {
		fmt.Fprintf(&wide, "c%d,", i)
	}
	units := map[string]string{
		"csv":          "a,b\n\"" + strings.Repeat("x\"\"", 3000) + "\",y\n",
		"csv wide row": "a,b\n" + wide.String() + "\n",
		"create table": "CREATE TABLE t (" + strings.Repeat("c int, ", 300) + "d int);\n",
		"tables":       "CREATE TABLE tNNN (a int, b text);\n",
		"insert":       "INSERT INTO t (a, b) VALUES ('x''y', 'z\\\\'), (1, NOW());\n",
		"copy":         "COPY t (a, b) FROM stdin;\nx\\ty\t\\N\n\\.\n",
		"markdown":     "| a | b |\n|---|---|\n| `x` | y |\n\n",
	}
	for name, unit := range units {
		t.Run(name, func(t *testing.T) {
			gen := func(n int) []byte {
				var b bytes.Buffer
				for i := 0; b.Len() < n; i++ {
					b.WriteString(strings.ReplaceAll(unit, "NNN", fmt.Sprint(i)))
				}
				return b.Bytes()
			}
			small, large := allocated(gen(1<<20)), allocated(gen(4<<20))
			if large > small+64<<10 {
				t.Errorf("allocated %d bytes for 1 MiB, %d for 4 MiB", small, large)
			}
		})
	}
}

// allocated returns the bytes scanTables allocates on src.
func allocated(src []byte) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	scanTables(src, func(*Pair) {})
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
