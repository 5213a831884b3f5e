package rules

import (
	"math/rand"
	"strings"
	"testing"
)

// denseVenues are the names the default packs key on, as people write
// them in code and config.
var denseVenues = strings.Fields("binance okx okex kucoin coinbase bybit kraken bitget bitmart bitfinex bitmex bitstamp bitvavo gateio gate_io cryptocom crypto_com deribit gemini htx huobi mexc phemex poloniex upbit woo")

// keywordDense returns about size bytes of code and config in which every
// line names an exchange and assigns something to a credential-like name,
// but no value is a credential: short, placeholder, environment lookups,
// wrong lengths and wrong alphabets. It is the worst case for matching:
// every keyword window is live, runs of value characters are common, and
// nothing is found.
func keywordDense(seed int64, size int) []byte {
	rng := rand.New(rand.NewSource(seed))
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	word := func(n int, alphabet string) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return string(b)
	}
	fields := strings.Fields("api_key API_KEY apiKey key secret SECRET api_secret secretKey secret_key passphrase PASSPHRASE password access_key private_key wallet seed mnemonic")
	value := func() string {
		switch rng.Intn(9) {
		case 0:
			return `"` + word(8+rng.Intn(12), alnum) + `"`
		case 1:
			return `"your_api_key_here"`
		case 2:
			return `os.getenv("` + strings.ToUpper(word(6, "ABCDEFGH")) + `_KEY")`
		case 3:
			return `"${` + strings.ToUpper(word(8, "ABCDEFGH")) + `}"`
		case 4:
			return `"` + word(63, alnum) + `"` // one short of 64
		case 5:
			return `"` + word(30, alnum) + "-" + word(30, alnum) + `"`
		case 6:
			return `config["` + word(6, "abcdefgh") + `"]["key"]`
		case 7:
			return `"` + word(20, "abcdef0123456789") + `"`
		default:
			return `"<` + word(10, "abcdefghijklmnop") + `>"`
		}
	}
	var b strings.Builder
	b.Grow(size + 256)
	for b.Len() < size {
		v := denseVenues[rng.Intn(len(denseVenues))]
		f := fields[rng.Intn(len(fields))]
		switch rng.Intn(6) {
		case 0:
			b.WriteString(strings.ToUpper(v) + "_" + strings.ToUpper(f) + "=" + strings.Trim(value(), `"`) + "\n")
		case 1:
			b.WriteString(v + "_" + f + " = " + value() + "\n")
		case 2:
			b.WriteString(`    "` + v + `": {"` + f + `": ` + value() + `, "` + fields[rng.Intn(len(fields))] + `": ` + value() + "},\n")
		case 3:
			b.WriteString("exchange = ccxt." + v + "({'apiKey': " + value() + ", 'secret': " + value() + "})\n")
		case 4:
			b.WriteString(v + ":\n  " + f + ": " + value() + "\n")
		default:
			b.WriteString("client = " + v + ".Client(" + value() + ", " + value() + ")  # " + f + "\n")
		}
	}
	return []byte(b.String())
}

// BenchmarkFindKeywordDense measures matching throughput (MB/s) on
// keyword-dense content (every line names an exchange and assigns a
// credential-like name), with a fresh regex memo each time, as for
// content seen once. matches/op counts what it finds: quoted
// passphrase-shaped values next to a venue's passphrase field are
// passphrases to the rules.
//
// On the 2-core development machine (medians of 6, -benchtime 3x):
// 0.60 MB/s before start filters, 2.7 MB/s with them. anchor.go says
// where the rest of the time goes.
func BenchmarkFindKeywordDense(b *testing.B) {
	packs, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	s, err := Compile(packs...)
	if err != nil {
		b.Fatal(err)
	}
	data := keywordDense(1, 2<<20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s.memo = newRegexMemo()
		b.StartTimer()
		n = len(s.Find(data, ""))
	}
	b.ReportMetric(float64(n), "matches/op")
}
