package syntax

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Tabular data: the cells of a table come out as pairs named by their
// column, each row one Row frame, so that a rule sees the cells of a row
// together (an exchange column beside an api_key column).
//
// Three readers, chosen from the content alone (a blob has no path):
//
//   - CSV/TSV (table_csv.go): the first line, or the first after blank
//     and # comment lines, is a header of name-like cells for one of the
//     delimiters , TAB ; |, and the records after it have as many cells;
//     the whole content is then read as that table, and nothing else;
//   - otherwise one pass, in order of position, reads both Markdown
//     tables (table_md.go: a line with pipes followed by a |---|---|
//     separator line of as many cells) and SQL statements (table_sql.go:
//     INSERT/REPLACE … INTO t (columns) VALUES (…), COPY t (columns)
//     FROM stdin as pg_dump writes it, the columns taken from an earlier
//     CREATE TABLE t when the statement lists none).
//
// Every reader is linear in the input and resumes after what it
// consumed, never before; memory beyond the callback is bounded by the
// caps below.

// Caps on what one content may cost.
const (
	maxTableColumns = 256     // columns in a header or column list
	maxTableCell    = 4 << 10 // bytes in a cell; longer cells are skipped
	maxTableCells   = 1 << 20 // cells yielded per content
	maxTableName    = 64      // bytes in a column name
	maxSQLTables    = 64      // CREATE TABLE column lists remembered
)

// tableFrameBase is the first Row frame ID scanTables gives: far above
// the IDs the lexer gives its scopes in one Scan, so the two never meet.
const tableFrameBase = 1 << 30

// scanTables yields the cells of tabular data under their column names:
// CSV/TSV with a header row, Markdown tables, SQL INSERT … (columns)
// VALUES (…) and COPY … FROM stdin.
func scanTables(src []byte, fn func(*Pair)) {
	scanTablesFrom(src, fn, tableFrameBase)
}

// scanTablesFrom is scanTables numbering its Row frames from firstID; it
// returns the next free ID.
func scanTablesFrom(src []byte, fn func(*Pair), firstID int) int {
	t := &tableScanner{src: src, fn: fn, nextID: firstID}
	if !t.scanCSV() {
		t.scanText()
	}
	return t.nextID
}

// tableScanner is the state of one scanTables call.
type tableScanner struct {
	src    []byte
	fn     func(*Pair)
	pair   Pair
	frame  [1]Frame
	nextID int
	cells  int    // pairs yielded so far
	buf    []byte // unescaped value, at most maxTableCell bytes
	done   bool   // the cell cap is reached: yield nothing more

	// CSV
	cols    []cellSpan // header cells
	row     []cellSpan // cells of the current record
	rowOver bool       // the record had more than maxTableColumns+1 cells

	// SQL
	mysql  bool       // backslash escapes in strings (backticks or /*! seen)
	tables []sqlTable // column lists from CREATE TABLE
}

// cellSpan is a cell or name in src: [s, e), and whether it was quoted and
// holds escapes to decode.
type cellSpan struct {
	s, e    int
	quoted  bool
	escaped bool
}

// newRow opens a Row frame and returns its ID.
func (t *tableScanner) newRow() int {
	t.nextID++
	return t.nextID - 1
}

// emit yields one cell, unless it is empty or longer than the cap; it
// reports false once the cell cap is reached.
func (t *tableScanner) emit(name []byte, nameStart int, value []byte, start, end, row int, table []byte, col int, flags Flags) bool {
	if t.done {
		return false
	}
	if len(value) == 0 || len(value) > maxTableCell || len(name) == 0 || col >= maxTableColumns {
		return true
	}
	t.frame[0] = Frame{ID: row, Kind: Row, Name: table}
	t.pair = Pair{
		Name: name, Value: value,
		NameStart: nameStart, Start: start, End: end,
		Frames: t.frame[:], Arg: col, Flags: Table | flags,
	}
	t.fn(&t.pair)
	t.cells++
	if t.cells >= maxTableCells {
		t.done = true
		return false
	}
	return true
}

// headerLike reports whether b (trimmed) reads as a column name: 1 to 64
// bytes of letters, digits, '_', '-', '.', '(', ')', '/' (exports write
// "Date(UTC)", "Key/Label") and at most three single spaces, starting
// with a letter or '_'.
func headerLike(b []byte) bool {
	if len(b) == 0 || len(b) > maxTableName {
		return false
	}
	spaces := 0
	for i := 0; i < len(b); {
		r, n := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(b[i:])
		}
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i == 0:
			return false
		case r == '-' || r == '.' || r == '(' || r == ')' || r == '/' || unicode.IsDigit(r):
		case r == ' ' && b[i-1] != ' ' && i+1 < len(b):
			spaces++
		default:
			return false
		}
		i += n
	}
	return spaces <= 3
}

// isSpace reports whether c is a space or tab.
func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// lineEnd returns the index of the '\n' ending the line at i, or len(src).
func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// scanText reads Markdown tables and SQL statements in one pass, in
// order of position: each reader resumes after what the other consumed,
// and a candidate found ahead is kept until the pass reaches it, so no
// byte is searched twice.
func (t *tableScanner) scanText() {
	n := len(t.src)
	pos, md, kw := 0, -1, -1
	var kind sqlKind
	for pos < n && !t.done {
		if md < pos {
			md = t.mdNext(pos)
		}
		if kw < pos {
			kw, kind = t.sqlNext(pos)
		}
		switch {
		case md >= n && kw >= n:
			return
		case md <= kw:
			pos = t.mdRead(md)
		default:
			pos = t.sqlRead(kw, kind)
		}
	}
}
