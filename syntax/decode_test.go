package syntax

import (
	"fmt"
	"testing"
)

// TestUnescape: escapes decode the same way with and without offsets, and
// every output byte's offset is where its escape (or byte) starts.
func TestUnescape(t *testing.T) {
	tests := []struct {
		in, want string
		quote    byte
		idx      []int32 // with quote 0
	}{
		{`a\nb`, "a\nb", '"', []int32{0, 1, 3}},
		{`\t\r\0`, "\t\r\x00", '"', []int32{0, 2, 4}},
		{`\u00e9!`, "é!", '"', []int32{0, 0, 6}},
		{`\x41\q`, "Aq", '"', []int32{0, 4}},
		{`\u12`, `\u12`, '"', []int32{0, 0, 2, 3}},
		{"a\\\nb", "ab", '"', []int32{0, 3}},
		{`say ""hi""`, `say "hi"`, '"', nil},
		{`end\`, `end\`, '"', []int32{0, 1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(unescape([]byte(tt.in), tt.quote)); got != tt.want {
				t.Errorf("unescape = %q, want %q", got, tt.want)
			}
			if tt.idx == nil {
				return
			}
			out, idx := unescapeIdx([]byte(tt.in))
			if string(out) != tt.want || fmt.Sprint(idx) != fmt.Sprint(tt.idx) {
				t.Errorf("unescapeIdx = %q %v, want %q %v", out, idx, tt.want, tt.idx)
			}
		})
	}
}
