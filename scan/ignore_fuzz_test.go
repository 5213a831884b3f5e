package scan_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/scan"
)

// FuzzIgnoreRead: an ignore file is a repository's input. Reading any
// content never panics, an error names the file and line and never
// echoes more than a short excerpt of it, and every fingerprint line it
// accepts is an entry.
func FuzzIgnoreRead(f *testing.F) {
	for _, s := range []string{
		"",
		"# comment\n" + strings.Repeat("ab", 20) + "\n",
		strings.Repeat("ab", 20) + " # rotated 2024-05\n",
		"c0ffee00:config/.env:binance-api-key:3\n",
		"path:with:colons.env:rule:12\r\n",
		"SECRET=value\x00PATH=/usr/bin\x00",
		"a:b:c\n",
		"\xff\xfe\n\x1b[31mred:rule:1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ig := scan.NewIgnore()
		err := ig.Read(bytes.NewReader(data), ".keyhoundignore")
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, ".keyhoundignore") {
				t.Fatalf("error does not name the file: %q", msg)
			}
			if len(msg) > 300 {
				t.Fatalf("error echoes %d bytes: %q", len(msg), msg)
			}
			for _, c := range msg {
				if c < 0x20 || c == 0x7f {
					t.Fatalf("error holds a control character: %q", msg)
				}
			}
			return
		}
		fps := map[string]bool{}
		for _, fp := range ig.Fingerprints() {
			fps[fp] = true
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(strings.SplitN(line, " #", 2)[0])
			if len(line) == 40 && strings.Trim(line, "0123456789abcdef") == "" && !fps[line] {
				t.Fatalf("fingerprint %q accepted but not an entry", line)
			}
		}
	})
}
