package rules

import (
	"bytes"
	"regexp"
)

// validID reports whether id is a usable rule or credential id: one or
// more of A-Z, a-z, 0-9, '.', '_' and '-'. Ids are printed as they are
// in reports, SARIF rule ids and CI logs, and a pack may come from the
// repository being scanned, so an id must not be able to carry a line
// break, a workflow command or a terminal escape sequence.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// badID is the error for the id of the i-th [[name]] table, which
// validID refused. The id is quoted escaped and cut short.
func (p *Pack) badID(name string, i int, id string) error {
	return p.errf(p.lineOfNthID(name, i), "", "id %s: only the characters A-Za-z0-9 . _ - are allowed", quoteShort(id))
}

var idKey = regexp.MustCompile(`^\s*id\s*=`)

// lineOfNthID returns the line of the id key of the i-th [[name]] table,
// or the table's header line when the key is not on a line of its own.
func (p *Pack) lineOfNthID(name string, i int) int {
	header := p.lineOfTable(name, i)
	if header == 0 {
		return 0
	}
	lines := bytes.Split(p.src, []byte("\n"))
	for ln := header; ln < len(lines); ln++ { // lines[header] is the line after the header
		if t := bytes.TrimSpace(lines[ln]); len(t) > 0 && t[0] == '[' {
			break
		}
		if idKey.Match(lines[ln]) {
			return ln + 1
		}
	}
	return header
}
