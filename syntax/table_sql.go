package syntax

import (
	"bytes"
	"encoding/binary"
)

// SQL statements that store rows, found anywhere in a text (a dump, a
// migration, a string in code), keywords in any case:
//
//   - INSERT [OR IGNORE | IGNORE | …] INTO t [(columns)] VALUES (…), (…)
//     and REPLACE INTO: each tuple is a Row frame named by the table; a
//     value that is one literal (a string in '…', "…", N'…', E'…', with
//     '' and, in MySQL text or E'…', backslash escapes; a number;
//     optionally cast with ::type) is yielded under its column's name;
//     anything else (NULL, NOW(), placeholders, expressions) is skipped
//     and the columns after it keep their names;
//   - COPY t [(columns)] FROM stdin; ending its line, then rows of one
//     tab-separated field per column up to \. (pg_dump's text format: \N
//     is NULL; a cell with backslash escapes is decoded and marked
//     Quoted, since its value is not its bytes); the first row of
//     another width ends the data;
//   - CREATE TABLE t (column type …, constraints): remembered (up to 64
//     tables) to name the columns of an INSERT or COPY without a list.
//
// Identifiers may be bare, "quoted", `quoted` or [quoted], and qualified
// (schema.table); the frame is named by the table's last part. A
// statement that does not parse ends where it stopped parsing, and the
// search resumes there.

// sqlKind says which statement a keyword starts.
type sqlKind uint8

const (
	sqlInsert sqlKind = iota + 1
	sqlCopy
	sqlCreate
)

// maxSQLIdent caps an identifier's length.
const maxSQLIdent = 128

// sqlTable is a CREATE TABLE's name and columns.
type sqlTable struct {
	name []byte
	cols []cellSpan
}

// The first four bytes of each keyword, lower case, big-endian.
const (
	kwInse = 'i'<<24 | 'n'<<16 | 's'<<8 | 'e'
	kwRepl = 'r'<<24 | 'e'<<16 | 'p'<<8 | 'l'
	kwCopy = 'c'<<24 | 'o'<<16 | 'p'<<8 | 'y'
	kwCrea = 'c'<<24 | 'r'<<16 | 'e'<<8 | 'a'
)

// sqlShift[b] is how far sqlNext's four-byte window may move when its
// last byte is b (Horspool's rule over the four keywords' first four
// bytes at once): b folded to lower case as the comparison folds it, the
// distance from b's last place among the first three bytes of any of them
// to the window's end, 4 when b is in none.
var sqlShift = func() (shift [256]uint8) {
	for b := range shift {
		shift[b] = 4
		for _, kw := range [...]uint32{kwInse, kwRepl, kwCopy, kwCrea} {
			for k := 0; k < 3; k++ {
				if byte(kw>>(24-8*k)) == byte(b)|0x20 && uint8(3-k) < shift[b] {
					shift[b] = uint8(3 - k)
				}
			}
		}
	}
	return shift
}()

// sqlNext returns the position and kind of the first statement keyword
// at or after from, or len(src). It compares the four bytes of a window,
// folded to lower case, with the keywords' first four, then moves the
// window by sqlShift of its last byte: in prose and code, two or three
// bytes at a time rather than one.
func (t *tableScanner) sqlNext(from int) (int, sqlKind) {
	src := t.src
	for i := from; i+4 <= len(src); i += int(sqlShift[src[i+3]]) {
		w := binary.BigEndian.Uint32(src[i:]) | 0x20202020
		if w != kwInse && w != kwRepl && w != kwCopy && w != kwCrea {
			continue
		}
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

// sqlRead reads the statement at i and returns where it stopped, past
// the keyword at least.
func (t *tableScanner) sqlRead(i int, kind sqlKind) int {
	j := i + 4 // past "copy", at most the shortest keyword
	for j < len(t.src) && identByte(t.src[j]) {
		j++
	}
	switch kind {
	case sqlInsert:
		return t.sqlInsert(j)
	case sqlCopy:
		return t.sqlCopy(j)
	default:
		return t.sqlCreate(j)
	}
}

// modifiers skips up to four of words after a statement's keyword
// (INSERT OR IGNORE INTO, CREATE TEMPORARY TABLE).
func (t *tableScanner) modifiers(j int, words ...string) int {
	for k := 0; k < 4; k++ {
		w, ok := t.anyWord(t.skip(j), words...)
		if !ok {
			break
		}
		j = w
	}
	return j
}

// sqlInsert reads an INSERT after its keyword.
func (t *tableScanner) sqlInsert(j int) int {
	j = t.modifiers(j, "or", "ignore", "replace", "abort", "fail", "rollback", "low_priority", "delayed", "high_priority")
	j, ok := t.word(t.skip(j), "into")
	if !ok {
		return j
	}
	name, j, ok := t.qname(t.skip(j))
	if !ok {
		return j
	}
	j = t.skip(j)
	var cols []cellSpan
	if j < len(t.src) && t.src[j] == '(' {
		if j, ok = t.columnList(j); !ok {
			return j
		}
		cols = t.cols
	} else if cols = t.lookup(name); cols == nil {
		return j
	}
	j = t.skip(j)
	if w, ok := t.anyWord(j, "values", "value"); ok {
		return t.tuples(w, cols, name)
	}
	return j
}

// columnList reads (a, b, …) at j into t.cols.
func (t *tableScanner) columnList(j int) (int, bool) {
	t.cols = t.cols[:0]
	j++
	for {
		sp, next, ok := t.ident(t.skip(j))
		if !ok || len(t.cols) == maxTableColumns {
			return next, false
		}
		t.cols = append(t.cols, cellSpan{s: sp.s, e: sp.e})
		j = t.skip(next)
		if j >= len(t.src) {
			return j, false
		}
		switch t.src[j] {
		case ',':
			j++
		case ')':
			return j + 1, true
		default:
			return j, false
		}
	}
}

// tuples reads the (…), (…) after VALUES and yields their literals.
func (t *tableScanner) tuples(j int, cols []cellSpan, table []byte) int {
	src := t.src
	for !t.done {
		j = t.skip(j)
		if j >= len(src) || src[j] != '(' {
			return j
		}
		j++
		row := t.newRow()
		for c := 0; ; c++ {
			j = t.skip(j)
			if l, ok := t.literal(j); ok {
				if k := t.skipCast(t.skip(l.next)); k < len(src) && (src[k] == ',' || src[k] == ')') {
					if c < len(cols) {
						t.emitSQL(cols[c], l, row, table, c)
					}
					j = k
				} else {
					j = t.skipExpr(j)
				}
			} else {
				j = t.skipExpr(j)
			}
			if j >= len(src) || src[j] != ',' && src[j] != ')' {
				return j
			}
			j++
			if src[j-1] == ')' {
				break
			}
		}
		j = t.skip(j)
		if j >= len(src) || src[j] != ',' {
			return j
		}
		j++
	}
	return j
}

// emitSQL yields the literal l of column c.
func (t *tableScanner) emitSQL(col cellSpan, l lit, row int, table []byte, c int) {
	v := t.src[l.s:l.e]
	if l.esc && len(v) <= 2*maxTableCell {
		v = t.unescape(v, l)
	}
	var flags Flags
	if l.quote != 0 {
		flags = Quoted
	}
	t.emit(t.src[col.s:col.e], col.s, v, l.s, l.e, row, table, c, flags)
}

// lookup returns the columns a CREATE TABLE gave the table, or nil.
func (t *tableScanner) lookup(name []byte) []cellSpan {
	for _, tb := range t.tables {
		if bytes.EqualFold(tb.name, name) {
			return tb.cols
		}
	}
	return nil
}

// sqlCreate reads a CREATE TABLE after its keyword and remembers its
// columns.
func (t *tableScanner) sqlCreate(j int) int {
	j = t.modifiers(j, "or", "replace", "temp", "temporary", "unlogged", "global", "local")
	j, ok := t.word(t.skip(j), "table")
	if !ok {
		return j
	}
	if w, ok := t.word(t.skip(j), "if"); ok {
		if j, ok = t.word(t.skip(w), "not"); ok {
			j, ok = t.word(t.skip(j), "exists")
		}
		if !ok {
			return j
		}
	}
	name, j, ok := t.qname(t.skip(j))
	j = t.skip(j)
	if !ok || j >= len(t.src) || t.src[j] != '(' {
		return j
	}
	cols := t.row[:0]
	for {
		j = t.skip(j + 1)
		if sp, _, ok := t.ident(j); ok && (sp.quoted || !t.constraintWord(sp.s, sp.e)) {
			if len(cols) == maxTableColumns {
				return j
			}
			cols = append(cols, cellSpan{s: sp.s, e: sp.e})
		}
		j = t.skipExpr(j)
		if j >= len(t.src) || t.src[j] != ',' && t.src[j] != ')' {
			return j
		}
		if t.src[j] == ')' {
			break
		}
	}
	t.row = cols
	t.remember(name, cols)
	return j + 1
}

// remember keeps a copy of a table's columns, replacing an earlier
// table of the same name; past maxSQLTables tables, new ones are
// forgotten.
func (t *tableScanner) remember(name []byte, cols []cellSpan) {
	for i := range t.tables {
		if bytes.EqualFold(t.tables[i].name, name) {
			t.tables[i].cols = append(t.tables[i].cols[:0], cols...)
			return
		}
	}
	if len(t.tables) < maxSQLTables && len(cols) > 0 {
		t.tables = append(t.tables, sqlTable{name: name, cols: append([]cellSpan(nil), cols...)})
	}
}

// constraintWord reports whether the bare word [s, e) starts a table
// constraint rather than a column.
func (t *tableScanner) constraintWord(s, e int) bool {
	w := t.src[s:e]
	for _, k := range []string{"constraint", "primary", "foreign", "unique", "check", "key", "index", "fulltext", "spatial", "exclude", "like", "period"} {
		if len(w) == len(k) && bytes.EqualFold(w, []byte(k)) {
			return true
		}
	}
	return false
}

// sqlCopy reads a COPY … FROM stdin after its keyword, and its rows.
func (t *tableScanner) sqlCopy(j int) int {
	src := t.src
	name, j, ok := t.qname(t.skip(j))
	if !ok {
		return j
	}
	j = t.skip(j)
	var cols []cellSpan
	if j < len(src) && src[j] == '(' {
		if j, ok = t.columnList(j); !ok {
			return j
		}
		cols = t.cols
	} else {
		cols = t.lookup(name)
	}
	if j, ok = t.word(t.skip(j), "from"); !ok {
		return j
	}
	if j, ok = t.word(t.skip(j), "stdin"); !ok {
		return j
	}
	// As pg_dump writes it: the statement ends its line (after short
	// options, never the csv or binary format), and every data row has
	// one field per column. A COPY inside a string in code fails the
	// first test, text after the data fails the second: either ends the
	// reading, so no code is taken for rows.
	e := lineEnd(src, j)
	semi := bytes.IndexByte(src[j:e], ';')
	if semi < 0 || e-j > 256 || len(bytes.TrimRight(src[j+semi+1:e], " \t\r")) > 0 || cols == nil {
		return e
	}
	for k := j; k < j+semi; k++ {
		if t.isWord(k, "csv") || t.isWord(k, "binary") {
			return e
		}
	}
	pos := e + 1
	for pos < len(src) && !t.done {
		le := lineEnd(src, pos)
		line := bytes.TrimSuffix(src[pos:le], []byte{'\r'})
		if bytes.Equal(line, []byte(`\.`)) {
			return le
		}
		if bytes.Count(line, []byte{'\t'}) != len(cols)-1 {
			return pos
		}
		row := t.newRow()
		s := pos
		for c := range cols {
			k := bytes.IndexByte(line[s-pos:], '\t')
			if k < 0 {
				k = pos + len(line)
			} else {
				k += s
			}
			if v := src[s:k]; !bytes.Equal(v, []byte(`\N`)) {
				var flags Flags
				if bytes.IndexByte(v, '\\') >= 0 && len(v) <= 2*maxTableCell {
					v, flags = t.unescape(v, lit{bs: true}), Quoted
				}
				if !t.emit(src[cols[c].s:cols[c].e], cols[c].s, v, s, k, row, name, c, flags) {
					return le
				}
			}
			s = k + 1
		}
		pos = le + 1
	}
	return len(src)
}
