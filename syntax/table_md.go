package syntax

import "bytes"

// Markdown (GFM) tables, anywhere in a text: a header line with pipes,
// then a separator line of as many cells, each :?-+:? (with at least one
// pipe on the line), then rows up to the first blank line or line
// without a pipe. Outer pipes are optional; \| does not split a cell;
// cells are trimmed, and a cell wrapped in backticks is read inside them
// (and marked Quoted). A row's cells beyond the header's width are
// ignored; a header cell that is empty or longer than 64 bytes names no
// column.

// mdNext returns the start of the first line at or after from that
// heads a Markdown table, or len(src).
func (t *tableScanner) mdNext(from int) int {
	src := t.src
	for from < len(src) {
		p := bytes.IndexByte(src[from:], '|')
		if p < 0 {
			return len(src)
		}
		p += from
		ls := bytes.LastIndexByte(src[from:p], '\n') + 1 + from
		le := lineEnd(src, p)
		if le < len(src) {
			if n := mdSeparator(src, le+1, lineEnd(src, le+1)); n > 0 && t.mdCells(ls, le) == n {
				return ls
			}
		}
		from = le + 1
	}
	return len(src)
}

// mdRead yields the rows of the table whose header line starts at ls,
// and returns the position after the table.
func (t *tableScanner) mdRead(ls int) int {
	src := t.src
	le := lineEnd(src, ls)
	n := t.mdCells(ls, le)
	t.cols = append(t.cols[:0], t.row...)
	pos := lineEnd(src, le+1) + 1 // past the separator line
	for pos < len(src) && !t.done {
		e := lineEnd(src, pos)
		if _, blank := blankLine(src, pos); blank || bytes.IndexByte(src[pos:e], '|') < 0 {
			return pos
		}
		t.mdCells(pos, e)
		row := t.newRow()
		for c, sp := range t.row {
			if c >= n {
				break
			}
			h := t.cols[c]
			if h.e-h.s > maxTableName {
				continue
			}
			var flags Flags
			if sp.quoted {
				flags = Quoted
			}
			if !t.emit(src[h.s:h.e], h.s, src[sp.s:sp.e], sp.s, sp.e, row, nil, c, flags) {
				break
			}
		}
		pos = e + 1
	}
	return min(pos, len(src))
}

// mdCells splits the line [s, e) into trimmed cells in t.row (at most
// maxTableColumns+1) and returns their count, or 0 if the line has no
// pipe.
func (t *tableScanner) mdCells(s, e int) int {
	src := t.src
	t.row = t.row[:0]
	for s < e && isSpace(src[s]) {
		s++
	}
	for e > s && (isSpace(src[e-1]) || src[e-1] == '\r') {
		e--
	}
	if bytes.IndexByte(src[s:e], '|') < 0 {
		return 0
	}
	if src[s] == '|' {
		s++
	}
	if e > s && src[e-1] == '|' && (e-2 < s || src[e-2] != '\\') {
		e--
	}
	for c := s; ; {
		k := c
		for k < e && !(src[k] == '|' && (k == c || src[k-1] != '\\')) {
			k++
		}
		if len(t.row) <= maxTableColumns {
			t.row = append(t.row, mdTrim(src, c, k))
		}
		if k >= e {
			break
		}
		c = k + 1
	}
	return len(t.row)
}

// mdTrim returns the cell [s, e) trimmed of spaces, and inside its
// backticks if it is wrapped in them.
func mdTrim(src []byte, s, e int) cellSpan {
	for s < e && isSpace(src[s]) {
		s++
	}
	for e > s && isSpace(src[e-1]) {
		e--
	}
	if e-s >= 3 && src[s] == '`' && src[e-1] == '`' && bytes.IndexByte(src[s+1:e-1], '`') < 0 {
		return cellSpan{s: s + 1, e: e - 1, quoted: true}
	}
	return cellSpan{s: s, e: e}
}

// mdSeparator returns the number of cells of the line [s, e) if it is a
// table's separator line (|---|:--:|), or 0.
func mdSeparator(src []byte, s, e int) int {
	for s < e && isSpace(src[s]) {
		s++
	}
	for e > s && (isSpace(src[e-1]) || src[e-1] == '\r') {
		e--
	}
	if s >= e || bytes.IndexByte(src[s:e], '|') < 0 {
		return 0
	}
	if src[s] == '|' {
		s++
	}
	if e > s && src[e-1] == '|' {
		e--
	}
	n := 0
	for c := s; c <= e; {
		k := c
		for k < e && src[k] != '|' {
			k++
		}
		if !mdDashes(src[c:k]) {
			return 0
		}
		n++
		c = k + 1
	}
	return n
}

// mdDashes reports whether cell reads " :---: " (colons optional).
func mdDashes(cell []byte) bool {
	cell = bytes.Trim(cell, " \t")
	cell = bytes.TrimPrefix(cell, []byte{':'})
	cell = bytes.TrimSuffix(cell, []byte{':'})
	if len(cell) == 0 {
		return false
	}
	for _, c := range cell {
		if c != '-' {
			return false
		}
	}
	return true
}
