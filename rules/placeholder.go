package rules

import (
	_ "embed"
	"strings"
)

//go:embed doc_examples.txt
var docExamplesText string

// docExamples is built once from embedded data and never written again.
var docExamples = func() map[string]bool {
	m := make(map[string]bool)
	for _, line := range strings.Split(docExamplesText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m[normalizeExample(line)] = true
	}
	return m
}()

// normalizeExample folds case, a 0x prefix, and the spaces and commas
// between words ("cabin, raise, …" is the mnemonic "cabin raise …").
func normalizeExample(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "0x")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }), " ")
}

// knownExample reports whether s is a published example (doc_examples.txt).
func knownExample(s string) bool { return docExamples[normalizeExample(s)] }

// placeholderWords are substrings that mark a value as a stand-in.
var placeholderWords = []string{
	"your", "xxxx", "example", "placeholder", "changeme", "change_me", "change-me",
	"dummy", "sample", "redacted", "insert", "replace", "secret_here", "key_here",
	"todo", "fixme", "<", ">", "${", "{{", "%(", "$(", "***", "...", "•",
}

// IsPlaceholder reports whether s looks like a stand-in rather than a real
// credential: a published documentation example, a template variable, a
// word such as "your_api_key" or "xxxx", one repeated character or short
// pattern, or a long ascending run such as "12345678" or "abcdefgh".
func IsPlaceholder(s string) bool { return knownExample(s) || placeholderShape(s) }

// placeholderShape is IsPlaceholder without the published examples.
func placeholderShape(s string) bool {
	ls := strings.ToLower(s)
	for _, w := range placeholderWords {
		if strings.Contains(ls, w) {
			return true
		}
	}
	if len(s) >= 6 && distinct(s) <= 3 {
		return true
	}
	if repeatsShortPattern(ls) || hasAscendingRun(ls, 8) || patterned(ls) {
		return true
	}
	return false
}

// patterned reports a value built from runs of repeated characters
// (111222333444…aaabbbccc…): at least half its characters repeat the one
// before, which a random value of 16 or more characters does about one
// time in ten in a 16-letter alphabet, never half.
func patterned(s string) bool {
	if len(s) < 16 {
		return false
	}
	same := 0
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			same++
		}
	}
	return same*2 >= len(s)
}

func distinct(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}

// repeatsShortPattern reports whether s is a unit of at most a third of
// its length repeated ("abcabcabc", "12341234-12341234" style).
func repeatsShortPattern(s string) bool {
	n := len(s)
	for k := 1; k <= n/3 && k <= 8; k++ {
		ok := true
		for i := k; i < n; i++ {
			if s[i] != s[i%k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// hasAscendingRun reports a run of n characters each one above the last
// ("0123456789", "abcdefgh"), which random keys essentially never hold.
func hasAscendingRun(s string, n int) bool {
	run := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1]+1 {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}
