package report

import (
	"fmt"
	"io"
	"path"
	"strings"
)

// The report formats.
const (
	FormatText  = "text"
	FormatJSON  = "json"
	FormatJSONL = "jsonl"
	FormatSARIF = "sarif"
)

// Formats lists the report formats.
func Formats() []string { return []string{FormatText, FormatJSON, FormatJSONL, FormatSARIF} }

// FormatForPath infers a report's format from its file name's extension:
// .json, .jsonl or .ndjson, .sarif (also .sarif.json), .txt or .text. ok
// is false when the extension says nothing.
func FormatForPath(name string) (format string, ok bool) {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case strings.HasSuffix(base, ".sarif"), strings.HasSuffix(base, ".sarif.json"):
		return FormatSARIF, true
	case strings.HasSuffix(base, ".jsonl"), strings.HasSuffix(base, ".ndjson"):
		return FormatJSONL, true
	case strings.HasSuffix(base, ".json"):
		return FormatJSON, true
	case strings.HasSuffix(base, ".txt"), strings.HasSuffix(base, ".text"):
		return FormatText, true
	}
	return "", false
}

// Write writes r in format; infos describe the rules (for SARIF) and
// text the text report's options.
func Write(w io.Writer, format string, r *Report, infos []RuleInfo, text TextOptions) error {
	switch format {
	case FormatText:
		return WriteText(w, r, text)
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatJSONL:
		return WriteJSONL(w, r)
	case FormatSARIF:
		return WriteSARIF(w, r, infos)
	}
	return fmt.Errorf("unknown format %q (%s)", format, strings.Join(Formats(), ", "))
}
