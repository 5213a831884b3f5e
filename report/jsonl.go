package report

import (
	"encoding/json"
	"io"
)

// WriteJSONL writes JSON Lines: one finding a line, each the object a
// finding is in the JSON report (see Finding), for streaming into other
// tools. Nothing else is written: the scan's errors and stats are in the
// JSON report, and the exit code says whether the scan was whole.
func WriteJSONL(w io.Writer, r *Report) error {
	sanitize(r)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range r.Findings {
		if err := enc.Encode(&r.Findings[i]); err != nil {
			return err
		}
	}
	return nil
}
