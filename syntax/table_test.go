package syntax

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Fake credentials in the shapes venues issue (random text written for
// these tests; none was ever a real key).
const (
	fakeKey1  = "q7Vd2LpX9mWc4RtB8nKs1HyE6uZa3FjG0oTiN5bMxQwUeYrPlCvSkDhJgAf2Lz"
	fakeSec1  = "Zr8Kc1Wn6Tq3Hb9Xv2Lm7Pd4Fs0Jy5Ge8Ua1Ni6Ro3Mk9Et2Yw7Bx4Cz0Vh5Qa"
	fakeKey2  = "6c1e2f0a-93b7-4d2e-a8f1-0b9c7d5e3a21"
	fakeSec2  = "9F3A7C1E5B0D2F4A6C8E0B1D3F5A7C9E"
	fakePass2 = "Tr4d1ngB0t!2024"
)

// tablePairs runs scanTables and renders each pair as
// "row.col name=value", with " q" when the value was quoted; rows are
// numbered 0, 1, … in order of their first pair. It checks the
// invariants every pair must hold.
func tablePairs(t *testing.T, src string) []string {
	t.Helper()
	var out []string
	rows := map[int]int{}
	scanTables([]byte(src), func(p *Pair) {
		checkTablePair(t, []byte(src), p)
		id := p.Frames[len(p.Frames)-1].ID
		r, ok := rows[id]
		if !ok {
			r = len(rows)
			rows[id] = r
		}
		s := fmt.Sprintf("%d.%d %s=%s", r, p.Arg, p.Name, p.Value)
		if p.Flags&Quoted != 0 {
			s += " q"
		}
		out = append(out, s)
	})
	return out
}

// checkTablePair fails t when p breaks a rule every table pair keeps.
func checkTablePair(t testing.TB, src []byte, p *Pair) {
	t.Helper()
	if len(p.Name) == 0 || len(p.Value) == 0 {
		t.Errorf("empty name or value: %q=%q", p.Name, p.Value)
	}
	if len(p.Value) > maxTableCell {
		t.Errorf("value of %d bytes, cap %d", len(p.Value), maxTableCell)
	}
	if p.NameStart < 0 || p.NameStart >= len(src) || p.Start < 0 || p.Start > p.End || p.End > len(src) {
		t.Fatalf("cellSpan out of the input: name at %d, value [%d,%d), input %d bytes", p.NameStart, p.Start, p.End, len(src))
	}
	if !bytes.HasPrefix(src[p.NameStart:], p.Name) {
		t.Errorf("name %q is not at its offset %d", p.Name, p.NameStart)
	}
	if p.Flags&Table == 0 || p.Flags&^(Table|Quoted) != 0 {
		t.Errorf("flags %b: want Table, maybe Quoted", p.Flags)
	}
	if p.Flags&Quoted == 0 && !bytes.Equal(p.Value, src[p.Start:p.End]) {
		t.Errorf("unquoted value %q differs from its cellSpan %q", p.Value, src[p.Start:p.End])
	}
	if len(p.Frames) != 1 || p.Frames[0].Kind != Row {
		t.Errorf("frames %v: want one Row", p.Frames)
	}
	if p.Arg < 0 || p.Arg >= maxTableColumns {
		t.Errorf("column %d out of range", p.Arg)
	}
	if p.Call != nil {
		t.Errorf("call %q on a table cell", p.Call)
	}
}

type tableCase struct {
	name string
	src  string
	want []string
}

func runTableCases(t *testing.T, cases []tableCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := tablePairs(t, c.src)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("pairs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestTableCSV: CSV, TSV and the other delimiters, with a header row,
// found from content alone.
func TestTableCSV(t *testing.T) {
	runTableCases(t, []tableCase{{
		// Multi-account sheets that withdrawal and farming bots read
		// (one account a row, the venue in a column).
		name: "accounts sheet with venue column",
		src: "name,exchange,api_key,api_secret,passphrase\n" +
			"main,binance," + fakeKey1 + "," + fakeSec1 + ",\n" +
			"acc2,okx," + fakeKey2 + "," + fakeSec2 + "," + fakePass2 + "\n",
		want: []string{
			"0.0 name=main", "0.1 exchange=binance", "0.2 api_key=" + fakeKey1, "0.3 api_secret=" + fakeSec1,
			"1.0 name=acc2", "1.1 exchange=okx", "1.2 api_key=" + fakeKey2, "1.3 api_secret=" + fakeSec2, "1.4 passphrase=" + fakePass2,
		},
	}, {
		name: "one account, semicolons, names with spaces (spreadsheet export)",
		src:  "Account;API Key;Secret Key\r\nSpot main;" + fakeKey1 + ";" + fakeSec1 + "\r\n",
		want: []string{"0.0 Account=Spot main", "0.1 API Key=" + fakeKey1, "0.2 Secret Key=" + fakeSec1},
	}, {
		name: "TSV",
		src:  "exchange\tapiKey\tsecret\tpassword\nkucoin\t" + fakeKey2 + "\t" + fakeSec2 + "\t" + fakePass2 + "\n",
		want: []string{"0.0 exchange=kucoin", "0.1 apiKey=" + fakeKey2, "0.2 secret=" + fakeSec2, "0.3 password=" + fakePass2},
	}, {
		name: "pipes",
		src:  "exchange|api_key|api_secret\nbybit|" + fakeKey2 + "|" + fakeSec2 + "\n",
		want: []string{"0.0 exchange=bybit", "0.1 api_key=" + fakeKey2, "0.2 api_secret=" + fakeSec2},
	}, {
		name: "RFC 4180 quoting: escaped quotes, delimiters and newlines in cells",
		src: "\"label\",\"key\",\"secret\",\"note\"\n" +
			"\"main, spot\",\"" + fakeKey1 + "\",\"ab\"\"cd\",\"line one\nline two\"\n" +
			"plain,\"" + fakeKey2 + "\",,\n",
		want: []string{
			"0.0 label=main, spot q", "0.1 key=" + fakeKey1 + " q", "0.2 secret=ab\"cd q", "0.3 note=line one\nline two q",
			"1.0 label=plain", "1.1 key=" + fakeKey2 + " q",
		},
	}, {
		name: "comment lines and blank lines before the header",
		src: "# exported by keytool 2024-05-01\n\n# do not commit\n" +
			"exchange,key,secret\n" + "gate," + fakeKey2 + "," + fakeSec2 + "\n",
		want: []string{"0.0 exchange=gate", "0.1 key=" + fakeKey2, "0.2 secret=" + fakeSec2},
	}, {
		name: "byte order mark, spaces after commas, CRLF",
		src:  "\ufeffexchange, api_key, api_secret\r\nkraken, " + fakeKey1 + ", " + fakeSec1 + "\r\n",
		want: []string{"0.0 exchange=kraken", "0.1 api_key=" + fakeKey1, "0.2 api_secret=" + fakeSec1},
	}, {
		name: "Excel sep= line names the delimiter",
		src:  "sep=;\nexchange;key\nmexc;" + fakeKey2 + "\n",
		want: []string{"0.0 exchange=mexc", "0.1 key=" + fakeKey2},
	}, {
		name: "trailing delimiter on every line",
		src:  "exchange,api_key,\nhuobi," + fakeKey2 + ",\n",
		want: []string{"0.0 exchange=huobi", "0.1 api_key=" + fakeKey2},
	}, {
		name: "rows of another width are skipped, the rest kept",
		src: "exchange,key,secret\nbinance," + fakeKey1 + "," + fakeSec1 + "\n" +
			"a,b\n" + "okx," + fakeKey2 + "," + fakeSec2 + "\n",
		want: []string{
			"0.0 exchange=binance", "0.1 key=" + fakeKey1, "0.2 secret=" + fakeSec1,
			"1.0 exchange=okx", "1.1 key=" + fakeKey2, "1.2 secret=" + fakeSec2,
		},
	}, {
		// Exchanges' exports put units and alternatives in headers.
		name: "headers with parentheses and slashes",
		src:  "Date(UTC),Label/Note,API Key\n2024-01-05 10:22:13,bot,\"" + fakeKey1 + "\"\n",
		want: []string{"0.0 Date(UTC)=2024-01-05 10:22:13", "0.1 Label/Note=bot", "0.2 API Key=" + fakeKey1 + " q"},
	}, {
		name: "no final newline",
		src:  "exchange,key\nbitget," + fakeKey2,
		want: []string{"0.0 exchange=bitget", "0.1 key=" + fakeKey2},
	}})
}

// TestTableCSVNegative: text that is not a table yields no pairs, or
// (noted per case) only pairs no rule would take for a credential.
func TestTableCSVNegative(t *testing.T) {
	runTableCases(t, []tableCase{
		{name: "prose with commas", src: "Hello, world. This file, as you see, is prose.\nIt has commas, clauses and more, but no header.\n\nThe end, really.\n"},
		{name: "Go source", src: "// Package x does y, z.\npackage x\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc f(a, b int) (int, error) {\n\treturn a + b, nil\n}\n"},
		{name: "Python imports", src: "import os, sys\nfrom typing import List, Dict\nimport json\n"},
		{name: "JSON array", src: "[\n  {\"exchange\": \"binance\", \"key\": \"abc\"},\n  {\"exchange\": \"okx\", \"key\": \"def\"}\n]\n"},
		{name: "JSON array of arrays", src: "[[\"exchange\",\"key\"],\n[\"binance\",\"abc\"]]\n"},
		{name: "Markdown list", src: "- binance, okx\n- kucoin, bybit\n"},
		{name: "log lines with a timestamp first", src: "2024-05-01 10:00:01 | INFO | started, 3 workers\n2024-05-01 10:00:02 | WARN | slow, retrying\n"},
		{name: "header only", src: "exchange,api_key,api_secret\n"},
		{name: "one column", src: "api_key\n" + fakeKey1 + "\n"},
		{name: "numbers, no header", src: "1,2,3\n4,5,6\n"},
		{name: "header cells repeat", src: "key,key\nabc,def\n"},
		{name: "data row width differs", src: "exchange,key,secret\nbinance,abc\n"},
		{name: "YAML", src: "exchange: binance, okx\nkey: abc\n"},
		{name: "shell", src: "#!/bin/sh\nset -eu\necho hello, world\nexit 0\n"},
		{
			// A log whose first field is a word reads as a table: the
			// pairs are named by the first line's words, which no rule
			// takes for a credential's name.
			name: "log lines with pipes starting with a word (harmless pairs)",
			src:  "INFO | worker | started\nWARN | worker | slow\n",
			want: []string{"0.0 INFO=WARN", "0.1 worker=worker", "0.2 started=slow"},
		},
	})
}

// TestTableFixtures runs the realistic samples in testdata/tables: each
// NAME.{csv,tsv,md,sql,txt} with NAME.want listing its pairs.
func TestTableFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/tables/*.want")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, wantFile := range files {
		base := strings.TrimSuffix(wantFile, ".want")
		t.Run(filepath.Base(base), func(t *testing.T) {
			srcs, _ := filepath.Glob(base + ".*")
			var src []byte
			for _, f := range srcs {
				if f != wantFile {
					if src, err = os.ReadFile(f); err != nil {
						t.Fatal(err)
					}
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			var wantLines []string
			for _, l := range strings.Split(string(want), "\n") {
				if l != "" && !strings.HasPrefix(l, "#") {
					wantLines = append(wantLines, l)
				}
			}
			got := tablePairs(t, string(src))
			if strings.Join(got, "\n") != strings.Join(wantLines, "\n") {
				t.Errorf("pairs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantLines, "\n"))
			}
		})
	}
}

// TestTableSpans: positions are byte offsets into the input; a quoted
// cell's cellSpan is inside its quotes, its name's offset is the header
// cell's.
func TestTableSpans(t *testing.T) {
	src := "exchange,\"api key\"\nbinance,\"a\"\"b\"\n"
	var got []Pair
	scanTables([]byte(src), func(p *Pair) {
		q := *p
		q.Name, q.Value = append([]byte(nil), p.Name...), append([]byte(nil), p.Value...)
		got = append(got, q)
	})
	if len(got) != 2 {
		t.Fatalf("%d pairs, want 2", len(got))
	}
	if p := got[0]; src[p.NameStart:p.NameStart+8] != "exchange" || src[p.Start:p.End] != "binance" {
		t.Errorf("first: name at %d, value %q", p.NameStart, src[p.Start:p.End])
	}
	if p := got[1]; src[p.NameStart:p.NameStart+7] != "api key" || src[p.Start:p.End] != `a""b` || string(p.Value) != `a"b` {
		t.Errorf("second: name at %d %q, cellSpan %q, value %q", p.NameStart, p.Name, src[p.Start:p.End], p.Value)
	}
	if got[0].Frames[0].ID != got[1].Frames[0].ID {
		t.Errorf("one row, two frame IDs")
	}
}

// TestTableCaps: over-long cells are skipped, not emitted, and the
// columns after them keep their names; too many columns is not a table.
func TestTableCaps(t *testing.T) {
	long := strings.Repeat("x", maxTableCell+1)
	got := tablePairs(t, "note,key\n"+long+","+fakeKey2+"\n")
	if want := []string{"0.1 key=" + fakeKey2}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("long cell: %q, want %q", got, want)
	}
	var hdr, row []string
	for i := 0; i <= maxTableColumns; i++ {
		hdr = append(hdr, fmt.Sprintf("c%d", i))
		row = append(row, "v")
	}
	if got := tablePairs(t, strings.Join(hdr, ",")+"\n"+strings.Join(row, ",")+"\n"); len(got) != 0 {
		t.Errorf("%d columns: %d pairs, want none", len(hdr), len(got))
	}
	var b strings.Builder
	b.WriteString("a,b\n")
	for i := 0; i < maxTableCells/2+10; i++ {
		b.WriteString("x,y\n")
	}
	n := 0
	scanTables([]byte(b.String()), func(*Pair) { n++ })
	if n != maxTableCells {
		t.Errorf("%d pairs, want the cap %d", n, maxTableCells)
	}
}

func TestWordList(t *testing.T) {
	l := newWordList("if", "String", "std::string", "&str")
	for tok, want := range map[string]bool{
		"if": true, "String": true, "std::string": true, "&str": true,
		"": false, "i": false, "iff": false, "string": false, "Strin": false, "std::strinG": false,
		"a_token_longer_than_thirty_two_bytes": false,
	} {
		if got := l.has([]byte(tok)); got != want {
			t.Errorf("has(%q) = %v, want %v", tok, got, want)
		}
	}
}
