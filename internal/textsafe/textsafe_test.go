package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "config/.env", "config/.env"},
		{"non-ASCII kept", "café/日本/🔑.env", "café/日本/🔑.env"},
		{"backslash kept", `C:\keys\a.env`, `C:\keys\a.env`},
		{"replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"ESC sequence", "a\x1b[2Jb", `a\x1b[2Jb`},
		{"OSC title", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"tab", "a\tb", `a\tb`},
		{"newline", "x\n::warning::y", `x\n::warning::y`},
		{"carriage return", "ok\rFAKE", `ok\rFAKE`},
		{"NUL", "a\x00b", `a\x00b`},
		{"DEL", "a\x7fb", `a\x7fb`},
		{"C1 CSI", "a\u009b31mb", `a\u009b31mb`},
		{"C1 NEL", "a\u0085b", `a\u0085b`},
		{"RLO", "evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"LRE PDF", "\u202aa\u202c", `\u202aa\u202c`},
		{"isolates", "\u2066\u2067\u2068\u2069", `\u2066\u2067\u2068\u2069`},
		{"marks", "\u200e\u200f\u061c", `\u200e\u200f\u061c`},
		{"line separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"invalid byte", "a\xffb", `a\xffb`},
		{"truncated sequence", "a\xe2\x80", `a\xe2\x80`},
		{"encoded C1 split", "\xc2", `\xc2`},
		{"surrogate half", "\xed\xa0\x80", `\xed\xa0\x80`},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Escape(tc.in)
			if got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
			checkSafe(t, got)
		})
	}
}

func TestEscapeCleanDoesNotAllocate(t *testing.T) {
	s := strings.Repeat("config/bot.env ünïcode ", 20)
	if n := testing.AllocsPerRun(100, func() { _ = Escape(s) }); n != 0 {
		t.Errorf("%v allocations for text that needs no escaping", n)
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"abcdef", 6, "abcdef"},
		{"abcdef", 5, "abcd…"},
		{"abcdef", 1, "…"},
		{"abcdef", 0, ""},
		{"abcdef", -3, ""},
		{"", 4, ""},
		{"日本語テキスト", 4, "日本語…"},
		{"\x1bab", 6, `\x1bab`},
		{"\x1bab", 5, `\x1b…`}, // the escape is kept whole
		{"\x1bab", 4, "…"},     // or left out whole
		{"ab\u202ecd", 7, "ab…"},
		{"ab\u202ecd", 9, `ab\u202e…`},
		{"ab\u202ecd", 10, `ab\u202ecd`},
		{"ok\xff\xfe", 9, `ok\xff…`},
	}
	for _, tc := range tests {
		got := Excerpt(tc.in, tc.max)
		if got != tc.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		checkSafe(t, got)
		if tc.max > 0 && utf8.RuneCountInString(got) > tc.max {
			t.Errorf("Excerpt(%q, %d) = %q: more than %d runes", tc.in, tc.max, got, tc.max)
		}
	}
}

// TestExcerptReadsOnlyItsPrefix: an excerpt of a huge input costs what
// the excerpt costs, not what the input does (a ratio of allocations,
// not a timing).
func TestExcerptReadsOnlyItsPrefix(t *testing.T) {
	small := strings.Repeat("\x1bA", 1<<10)
	large := strings.Repeat("\x1bA", 1<<20)
	a := testing.AllocsPerRun(20, func() { _ = Excerpt(small, 40) })
	b := testing.AllocsPerRun(20, func() { _ = Excerpt(large, 40) })
	if b > a {
		t.Errorf("Excerpt allocates %v times on 2 MiB, %v on 2 KiB", b, a)
	}
}

// checkSafe fails unless s is valid UTF-8 with none of the characters
// Escape removes.
func checkSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%q: not valid UTF-8", s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || special(r) {
			t.Errorf("%q holds %U", s, r)
		}
	}
}

// FuzzEscape: for any input, the escaped text is valid UTF-8 without
// control or bidi characters, unchanged when there was nothing to escape,
// and an excerpt is a prefix of it within its bound.
//
// go test ./internal/textsafe/ -run '^$' -fuzz '^FuzzEscape$' -fuzztime 30s
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain/path.env", "a\x1b[31mb", "x\ny", "\u202e\u2066", "\xff\xc2", "\u0085", "日本\t"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		e := Escape(s)
		checkSafe(t, e)
		if clean(s) != (e == s) {
			t.Errorf("Escape(%q) = %q", s, e)
		}
		max = max % 200
		x := Excerpt(s, max)
		checkSafe(t, x)
		switch {
		case max <= 0:
			if x != "" {
				t.Errorf("Excerpt(%q, %d) = %q", s, max, x)
			}
		case x == e:
			if utf8.RuneCountInString(e) > max {
				t.Errorf("Excerpt(%q, %d) = %q: not cut", s, max, x)
			}
		default:
			p, ok := strings.CutSuffix(x, "…")
			if !ok || !strings.HasPrefix(e, p) || utf8.RuneCountInString(x) > max || utf8.RuneCountInString(e) <= max {
				t.Errorf("Excerpt(%q, %d) = %q; Escape gives %q", s, max, x, e)
			}
		}
	})
}

// go test ./internal/textsafe/ -run '^$' -bench . -count 5
func BenchmarkEscape(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"clean path", "services/trading-bot/config/production/.env.local"},
		{"hostile path", "x\x1b]0;pwned\x07\x1b[2J\nFAKE\t\u202etxt.env"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Escape(bc.s)
			}
		})
	}
}
