package syntax

import (
	"math/rand"
	"testing"
)

// naiveSQLNext is sqlNext one byte at a time: what the skipping version
// must find.
func naiveSQLNext(t *tableScanner, from int) (int, sqlKind) {
	src := t.src
	for i := from; i+4 <= len(src); i++ {
		if i > 0 && identTable[src[i-1]] {
			continue
		}
		switch {
		case t.isWord(i, "insert"), t.isWord(i, "replace"):
			return i, sqlInsert
		case t.isWord(i, "copy"):
			return i, sqlCopy
		case t.isWord(i, "create"):
			return i, sqlCreate
		}
	}
	return len(src), 0
}

// TestSQLNextSkipsNothing: on text built from pieces of the keywords
// (both cases, glued and separated, overlapping prefixes such as
// "ccreate" and "rereplace"), the skipping search finds every keyword
// the byte-by-byte one finds, at the same places.
func TestSQLNextSkipsNothing(t *testing.T) {
	pieces := []string{"insert", "INSERT", "Replace", "copy", "COPY", "create", "cr", "c", "re", "ins", "ert", "e", "a", "l", "y",
		"p", "o", " ", "\n", "(", "_", "x", "@", "`", "\xc9", "inse", "repl", "crea", "cop"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b []byte
		for k := rng.Intn(12); k >= 0; k-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		ts := &tableScanner{src: b}
		for from := 0; from <= len(b); {
			gi, gk := ts.sqlNext(from)
			wi, wk := naiveSQLNext(ts, from)
			if gi != wi || gk != wk {
				t.Fatalf("%q from %d: sqlNext found %d (kind %d), byte by byte %d (kind %d)", b, from, gi, gk, wi, wk)
			}
			from = wi + 1
		}
	}
}
