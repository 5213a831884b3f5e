package syntax

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkScanTables measures scanTables on content that holds no
// table (the module's own Go source, its README's prose) and on large
// tables of each kind; MB/s is what to compare.
//
// go test ./syntax/ -run '^$' -bench ScanTables -count 5
func BenchmarkScanTables(b *testing.B) {
	for _, c := range []struct {
		name string
		src  []byte
	}{
		{"go-concat", bytes.Join(benchGoFiles(b), nil)},
		{"readme", benchRepeat(b, "../README.md", 4<<20)},
		{"csv", benchCSV()},
		{"sql-insert", benchSQLInsert()},
		{"sql-copy", benchSQLCopy()},
		{"markdown-table", benchMarkdown()},
	} {
		b.Run(c.name, func(b *testing.B) {
			if len(c.src) == 0 {
				b.Skip("no input")
			}
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				scanTables(c.src, func(*Pair) {})
			}
		})
	}
}

// BenchmarkScanTablesGoFiles scans the module's Go files one by one, as
// a scan of a repository does: the common case of content with no table.
func BenchmarkScanTablesGoFiles(b *testing.B) {
	files := benchGoFiles(b)
	size := 0
	for _, f := range files {
		size += len(f)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			scanTables(f, func(*Pair) {})
		}
	}
}

// benchGoFiles returns the module's Go files (up to 4 MiB of them).
func benchGoFiles(b *testing.B) [][]byte {
	var files [][]byte
	size := 0
	_ = filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil || size > 4<<20 {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			data, _ := os.ReadFile(path)
			files = append(files, data)
			size += len(data)
		}
		return nil
	})
	if len(files) == 0 {
		b.Skip("no Go source")
	}
	return files
}

func benchRepeat(b *testing.B, path string, size int) []byte {
	data, err := os.ReadFile(path)
	if err != nil || len(data) == 0 {
		b.Skip(path, err)
	}
	src := make([]byte, 0, size+len(data))
	for len(src) < size {
		src = append(src, data...)
	}
	return src
}

const benchRows = 100_000

func benchCSV() []byte {
	var w strings.Builder
	w.WriteString("label,exchange,api_key,api_secret,passphrase,note\n")
	for i := range benchRows {
		fmt.Fprintf(&w, "acc%d,okx,%s,%s,%s,\"a note, with \"\"quotes\"\"\"\n", i, fakeKey2, fakeSec2, fakePass2)
	}
	return []byte(w.String())
}

func benchSQLInsert() []byte {
	var w strings.Builder
	w.WriteString("CREATE TABLE `keys` (`id` int NOT NULL, `exchange` varchar(32), `api_key` varchar(128), `secret` varchar(128), `created` datetime);\n")
	for i := range benchRows / 100 {
		w.WriteString("INSERT INTO `keys` VALUES ")
		for j := range 100 {
			if j > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(&w, "(%d,'binance','%s','%s','2024-01-01 00:00:00')", i*100+j, fakeKey1, fakeSec1)
		}
		w.WriteString(";\n")
	}
	return []byte(w.String())
}

func benchSQLCopy() []byte {
	var w strings.Builder
	w.WriteString("COPY public.keys (id, exchange, api_key, secret, created) FROM stdin;\n")
	for i := range benchRows {
		fmt.Fprintf(&w, "%d\tbinance\t%s\t%s\t\\N\n", i, fakeKey1, fakeSec1)
	}
	w.WriteString("\\.\n")
	return []byte(w.String())
}

func benchMarkdown() []byte {
	var w strings.Builder
	w.WriteString("| exchange | key | secret |\n|---|---|---|\n")
	for range benchRows {
		fmt.Fprintf(&w, "| kraken | `%s` | %s |\n", fakeKey1, fakeSec1)
	}
	return []byte(w.String())
}
