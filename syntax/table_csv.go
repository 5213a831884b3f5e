package syntax

import "bytes"

// CSV and TSV with a header row (RFC 4180 quoting), detected from the
// content alone:
//
//   - the header is the first line after a byte order mark, blank lines,
//     # comment lines and an Excel "sep=X" line (which names the
//     delimiter); it has 2 to 256 cells, each name-like (see headerLike)
//     and each different, for one of the delimiters , TAB ; | (a final
//     empty cell, from a trailing delimiter, is dropped);
//   - the first data record has as many cells (or one more, empty), and so
//     do more than half of the first eight;
//   - a header followed by a Markdown separator line is a Markdown table,
//     not CSV.
//
// When several delimiters qualify, the one giving the most columns wins.
// Then every record of the content is read; a record of another width
// is skipped. Unquoted cells are trimmed of spaces; a quoted cell's cellSpan
// is inside its quotes, its value has "" unescaped.

// csvProbeRecords is how many data records decide whether a header holds.
const csvProbeRecords = 8

// csvMaxHeaderLine caps the header line's length.
const csvMaxHeaderLine = 32 << 10

var utf8BOM = []byte("\xef\xbb\xbf")

// scanCSV reads the content as CSV if it starts with a header; it
// reports whether it did.
func (t *tableScanner) scanCSV() bool {
	src := t.src
	i := 0
	if bytes.HasPrefix(src, utf8BOM) {
		i = len(utf8BOM)
	}
	delims := []byte{',', '\t', ';', '|'}
	sepSeen := false
	for i < len(src) {
		e := lineEnd(src, i)
		line := bytes.TrimRight(src[i:e], " \t\r")
		trimmed := bytes.TrimLeft(line, " \t")
		switch {
		case len(trimmed) == 0 || trimmed[0] == '#':
		case !sepSeen && len(line) == 5 && bytes.HasPrefix(line, []byte("sep=")):
			delims, sepSeen = line[4:5], true
		default:
			return t.csvHeader(i, delims)
		}
		i = e + 1
	}
	return false
}

// csvHeader tries the line at i as a header for each delimiter, and
// reads the content under the best one.
func (t *tableScanner) csvHeader(i int, delims []byte) bool {
	src := t.src
	e := lineEnd(src, i)
	if e-i > csvMaxHeaderLine || e >= len(src) {
		return false
	}
	if n := lineEnd(src, e+1); mdSeparator(src, e+1, n) > 0 {
		return false
	}
	var best byte
	bestN := 0
	for _, d := range delims {
		if n := t.csvProbe(i, d); n > bestN {
			best, bestN = d, n
		}
	}
	if bestN == 0 {
		return false
	}
	t.csvRead(i, best, bestN)
	return true
}

// csvProbe returns the header's width if the line at i is a header for
// delimiter d and the records after it agree, or 0.
func (t *tableScanner) csvProbe(i int, d byte) int {
	pos := t.csvRecord(i, d)
	n := len(t.row)
	if n > 2 && t.row[n-1].s == t.row[n-1].e {
		n--
	}
	if t.rowOver || n < 2 || n > maxTableColumns || pos > i+csvMaxHeaderLine {
		return 0
	}
	for c, sp := range t.row[:n] {
		name := t.src[sp.s:sp.e]
		if sp.escaped || !headerLike(name) {
			return 0
		}
		for _, prev := range t.row[:c] {
			if bytes.EqualFold(t.src[prev.s:prev.e], name) {
				return 0
			}
		}
	}
	checked, matched := 0, 0
	for pos < len(t.src) && checked < csvProbeRecords {
		if next, blank := blankLine(t.src, pos); blank {
			pos = next
			continue
		}
		pos = t.csvRecord(pos, d)
		checked++
		if t.csvWidth(n) {
			matched++
		} else if checked == 1 {
			return 0
		}
	}
	if checked == 0 || 2*matched <= checked {
		return 0
	}
	return n
}

// csvRead yields the records after the header at i, n columns wide.
func (t *tableScanner) csvRead(i int, d byte, n int) {
	pos := t.csvRecord(i, d)
	t.cols = append(t.cols[:0], t.row[:n]...)
	for pos < len(t.src) && !t.done {
		if next, blank := blankLine(t.src, pos); blank {
			pos = next
			continue
		}
		pos = t.csvRecord(pos, d)
		if !t.csvWidth(n) {
			continue
		}
		row := t.newRow()
		for c, sp := range t.row[:n] {
			name := t.src[t.cols[c].s:t.cols[c].e]
			var flags Flags
			if sp.quoted {
				flags = Quoted
			}
			if !t.emit(name, t.cols[c].s, t.csvValue(sp), sp.s, sp.e, row, nil, c, flags) {
				return
			}
		}
	}
}

// csvWidth reports whether the record just read has n cells, or n+1
// with the last one empty.
func (t *tableScanner) csvWidth(n int) bool {
	if t.rowOver {
		return false
	}
	k := len(t.row)
	return k == n || k == n+1 && t.row[n].s == t.row[n].e && !t.row[n].quoted
}

// csvValue returns a cell's value: its bytes, with "" unescaped.
func (t *tableScanner) csvValue(sp cellSpan) []byte {
	v := t.src[sp.s:sp.e]
	if !sp.escaped || len(v) > 2*maxTableCell {
		return v
	}
	t.buf = t.buf[:0]
	for k := 0; k < len(v); k++ {
		t.buf = append(t.buf, v[k])
		if v[k] == '"' && k+1 < len(v) && v[k+1] == '"' {
			k++
		}
	}
	return t.buf
}

// csvRecord reads the record at pos into t.row (at most
// maxTableColumns+1 cells; t.rowOver says there were more) and returns
// the position after it.
func (t *tableScanner) csvRecord(pos int, d byte) int {
	src := t.src
	n := len(src)
	t.row, t.rowOver = t.row[:0], false
	for {
		j := pos
		for j < n && src[j] == ' ' {
			j++
		}
		var sp cellSpan
		if j < n && src[j] == '"' {
			sp = cellSpan{s: j + 1, quoted: true}
			k := j + 1
			for {
				q := bytes.IndexByte(src[k:], '"')
				if q < 0 {
					k = n
					break
				}
				k += q
				if k+1 < n && src[k+1] == '"' {
					sp.escaped = true
					k += 2
					continue
				}
				break
			}
			sp.e = k
			if k < n {
				k++
			}
			for k < n && src[k] != d && src[k] != '\n' {
				k++
			}
			pos = k
		} else {
			k := j
			for k < n && src[k] != d && src[k] != '\n' {
				k++
			}
			e := k
			for e > j && (src[e-1] == ' ' || src[e-1] == '\r') {
				e--
			}
			sp = cellSpan{s: j, e: e}
			pos = k
		}
		if len(t.row) <= maxTableColumns {
			t.row = append(t.row, sp)
		} else {
			t.rowOver = true
		}
		if pos >= n {
			return n
		}
		if src[pos] == '\n' {
			return pos + 1
		}
		pos++
	}
}

// blankLine reports whether the line at pos holds only spaces, and
// returns the position after it.
func blankLine(src []byte, pos int) (int, bool) {
	for j := pos; j < len(src); j++ {
		switch src[j] {
		case ' ', '\t', '\r':
		case '\n':
			return j + 1, true
		default:
			return pos, false
		}
	}
	return len(src), true
}
