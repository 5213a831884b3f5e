package report

import (
	"encoding/json"
	"io"
)

// WriteJSON writes r as indented JSON. Dates outside the years 1–9999
// (which JSON's RFC 3339 form cannot hold: a corrupt or hostile commit
// date) are dropped from r first.
func WriteJSON(w io.Writer, r *Report) error {
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	sanitize(r)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
