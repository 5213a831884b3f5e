package rules_test

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/keyhound/keyhound/rules"
)

// benchContent is ~1 MB of code-like text: mostly without exchange
// keywords (the prefilter's case), with some exchange-dense stretches and
// a few credentials (the matcher's case).
func benchContent(dense bool) []byte {
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields("order price quantity strategy signal market limit balance position symbol ticker candle volume config client session request response timeout cache portfolio")
	if dense {
		words = append(words, "binance", "okx", "kraken", "bybit", "kucoin", "api_key", "secret", "password")
	}
	var b strings.Builder
	for b.Len() < 1<<20 {
		switch rng.Intn(400) {
		case 0:
			b.WriteString("BINANCE_API_KEY=Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf\nBINANCE_API_SECRET=R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo\n")
		default:
			b.WriteString("    def " + words[rng.Intn(len(words))] + "_" + words[rng.Intn(len(words))] + "(self, x):\n        return self." + words[rng.Intn(len(words))] + " * 2\n")
		}
	}
	return []byte(b.String())
}

func benchSet(b *testing.B) *rules.Set {
	packs, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	s, err := rules.Compile(packs...)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkPrefilter: the keyword scan alone, on content without keywords.
func BenchmarkPrefilter(b *testing.B) {
	s := benchSet(b)
	data := benchContent(false)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.HasKeyword(data)
	}
}

// BenchmarkFindSparse: matching content where exchange names are rare.
func BenchmarkFindSparse(b *testing.B) {
	s := benchSet(b)
	data := benchContent(false)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Find(data, "")
	}
}

// BenchmarkFindDense: matching content dense in exchange names and
// credential-like assignments, the worst case for the regex engine.
func BenchmarkFindDense(b *testing.B) {
	s := benchSet(b)
	data := benchContent(true)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Find(data, "")
	}
}

// BenchmarkCompileDefault: start-up cost of the embedded packs.
func BenchmarkCompileDefault(b *testing.B) {
	for i := 0; i < b.N; i++ {
		packs, _ := rules.Default()
		if _, err := rules.Compile(packs...); err != nil {
			b.Fatal(err)
		}
	}
}
