package sign

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// vectorsRel is where the shared reference material lives relative to some
// ancestor of the package directory (CI checks ../shared out beside the repo).
const vectorsRel = "shared/reference/signing-vectors.json"

// vector is one entry of signing-vectors.json. JSON null becomes "".
type vector struct {
	Exchange           string `json:"exchange"`
	Algorithm          string `json:"algorithm"`
	Key                string `json:"key"`
	Secret             string `json:"secret"`
	Passphrase         string `json:"passphrase"`
	Method             string `json:"method"`
	Path               string `json:"path"`
	BodyOrQuery        string `json:"body_or_query"`
	TimestampOrNonce   string `json:"timestamp_or_nonce"`
	PrehashString      string `json:"prehash_string"`
	ExpectedSignature  string `json:"expected_signature"`
	DocStatedSignature string `json:"doc_stated_signature"`
	Notes              string `json:"notes"`
	Reproducible       bool   `json:"reproducible"`
}

// loadVectors finds signing-vectors.json by walking up from the working
// directory and skips the test when it is not there.
func loadVectors(t *testing.T) []vector {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, filepath.FromSlash(vectorsRel))
		if b, err := os.ReadFile(p); err == nil {
			var vs []vector
			if err := json.Unmarshal(b, &vs); err != nil {
				t.Fatalf("parsing %s: %v", p, err)
			}
			if len(vs) == 0 {
				t.Fatalf("%s holds no vectors", p)
			}
			return vs
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("%s not found in any parent of the working directory; "+
				"check out the shared reference material beside the repository (../shared) to run the vector tests", vectorsRel)
		}
		dir = parent
	}
}

// family is the exchange name without its parenthesised qualifier:
// "Kraken (Spot REST)" → "Kraken".
func family(exchange string) string {
	if i := strings.Index(exchange, " ("); i >= 0 {
		exchange = exchange[:i]
	}
	return strings.TrimSpace(exchange)
}

// firstField returns the first whitespace-separated token, dropping
// annotations such as "1518064236 (api-expires, unix seconds)".
func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// vectorSigner reproduces one vector. It returns the prehash it built (""
// when the prehash is binary and cannot be compared) and the signature.
type vectorSigner func(t *testing.T, v vector) (prehash, sig string)

var vectorSigners = map[string]vectorSigner{
	"Binance": func(t *testing.T, v vector) (string, string) {
		return v.BodyOrQuery, Binance(v.Secret, v.BodyOrQuery)
	},
	"Binance.US": func(t *testing.T, v vector) (string, string) {
		// "query: <q> | body: <b>": query and body concatenated, no separator.
		q, b, ok := strings.Cut(v.BodyOrQuery, " | body: ")
		if !ok || !strings.HasPrefix(q, "query: ") {
			t.Fatalf("unexpected body_or_query layout %q", v.BodyOrQuery)
		}
		payload := strings.TrimPrefix(q, "query: ") + b
		return payload, Binance(v.Secret, payload)
	},
	"Kraken": func(t *testing.T, v vector) (string, string) {
		sig, err := Kraken(v.Secret, v.Path, firstField(v.TimestampOrNonce), v.BodyOrQuery)
		if err != nil {
			t.Fatal(err)
		}
		return "", sig // the prehash contains a binary digest
	},
	"KuCoin": func(t *testing.T, v vector) (string, string) {
		if v.Method == "" {
			// SDK primitive test: HMAC-SHA256-base64(secret, plain), the
			// primitive KuCoinPassphrase exposes.
			return v.PrehashString, KuCoinPassphrase(v.Secret, v.PrehashString)
		}
		ts := firstField(v.TimestampOrNonce)
		return kucoinPrehash(ts, v.Method, v.Path, v.BodyOrQuery), KuCoin(v.Secret, ts, v.Method, v.Path, v.BodyOrQuery)
	},
	"Gemini": func(t *testing.T, v vector) (string, string) {
		payload := GeminiPayload([]byte(v.BodyOrQuery))
		return payload, Gemini(v.Secret, payload)
	},
	"BitMEX": func(t *testing.T, v vector) (string, string) {
		exp := firstField(v.TimestampOrNonce)
		return bitmexPrehash(v.Method, v.Path, exp, v.BodyOrQuery), BitMEX(v.Secret, v.Method, v.Path, exp, v.BodyOrQuery)
	},
	"MEXC": func(t *testing.T, v vector) (string, string) {
		return v.BodyOrQuery, MEXC(v.Secret, v.BodyOrQuery)
	},
	"WOO X": func(t *testing.T, v vector) (string, string) {
		ts := firstField(v.TimestampOrNonce)
		switch {
		case strings.Contains(v.Exchange, "v1"):
			params, err := url.ParseQuery(strings.TrimSuffix(v.BodyOrQuery, " (form)"))
			if err != nil {
				t.Fatal(err)
			}
			return wooXV1Prehash(params, ts), WooXV1(v.Secret, params, ts)
		case strings.Contains(v.Exchange, "v3"):
			return wooXV3Prehash(ts, v.Method, v.Path, v.BodyOrQuery), WooXV3(v.Secret, ts, v.Method, v.Path, v.BodyOrQuery)
		}
		t.Fatalf("unknown WOO X auth version in %q", v.Exchange)
		return "", ""
	},
	"Deribit": func(t *testing.T, v vector) (string, string) {
		// timestamp_or_nonce is "<ts> / nonce <nonce>"; body is `data=""`.
		f := strings.Fields(v.TimestampOrNonce)
		if len(f) != 4 || f[2] != "nonce" {
			t.Fatalf("unexpected timestamp_or_nonce layout %q", v.TimestampOrNonce)
		}
		data, err := strconv.Unquote(strings.TrimPrefix(v.BodyOrQuery, "data="))
		if err != nil {
			t.Fatalf("unexpected body_or_query %q: %v", v.BodyOrQuery, err)
		}
		return deribitPrehash(f[0], f[3], data), Deribit(v.Secret, f[0], f[3], data)
	},
	"Bitvavo": func(t *testing.T, v vector) (string, string) {
		ts := firstField(v.TimestampOrNonce)
		return bitvavoPrehash(ts, v.Method, v.Path, v.BodyOrQuery), Bitvavo(v.Secret, ts, v.Method, v.Path, v.BodyOrQuery)
	},
}

// TestVectors reproduces every vector marked reproducible, byte for byte,
// and checks the prehash string too where it is printable.
func TestVectors(t *testing.T) {
	vs := loadVectors(t)
	want, got := 0, 0
	for i, v := range vs {
		if !v.Reproducible {
			continue
		}
		want++
		signer, ok := vectorSigners[family(v.Exchange)]
		if !ok {
			t.Errorf("vector %d (%s) is reproducible but no signer handles exchange family %q", i, v.Exchange, family(v.Exchange))
			continue
		}
		ok = t.Run(strconv.Itoa(i)+"_"+v.Exchange, func(t *testing.T) {
			prehash, sig := signer(t, v)
			if prehash != "" && prehash != v.PrehashString {
				t.Errorf("prehash mismatch\n got: %q\nwant: %q", prehash, v.PrehashString)
			}
			if sig != v.ExpectedSignature {
				t.Errorf("signature mismatch\n got: %s\nwant: %s", sig, v.ExpectedSignature)
			}
			if v.DocStatedSignature != "" && sig == v.DocStatedSignature {
				t.Errorf("produced the known-wrong doc signature %s", v.DocStatedSignature)
			}
		})
		if ok {
			got++
		}
	}
	if want == 0 {
		t.Fatal("no reproducible vectors found")
	}
	if got != want {
		t.Errorf("reproduced %d of %d reproducible vectors", got, want)
	}
	t.Logf("reproduced %d of %d reproducible vectors (%d vectors in file)", got, want, len(vs))
}

// vectorByFamily returns the first vector of the given family for which
// match returns true.
func vectorByFamily(t *testing.T, vs []vector, fam string, match func(vector) bool) vector {
	t.Helper()
	for _, v := range vs {
		if family(v.Exchange) == fam && match(v) {
			return v
		}
	}
	t.Fatalf("no %s vector in %s", fam, vectorsRel)
	return vector{}
}

// TestKnownWrongDocSignatures checks that the signatures that exchanges.md
// §0.1 identifies as wrong in the published docs are not what we produce,
// and that the prehash layouts of the unreproducible vectors still match.
func TestKnownWrongDocSignatures(t *testing.T) {
	vs := loadVectors(t)
	first := func(vector) bool { return true }

	t.Run("MEXC doc_stated_signature", func(t *testing.T) {
		v := vectorByFamily(t, vs, "MEXC", func(v vector) bool { return v.DocStatedSignature != "" })
		sig := MEXC(v.Secret, v.BodyOrQuery)
		if sig == v.DocStatedSignature || strings.HasPrefix(sig, "323c96ab") {
			t.Errorf("MEXC produced the wrong doc value %s", sig)
		}
		if !strings.HasPrefix(sig, "fd3e4e85") {
			t.Errorf("MEXC = %s, want fd3e4e85…", sig)
		}
	})

	t.Run("Gemini corrupted copy", func(t *testing.T) {
		v := vectorByFamily(t, vs, "Gemini", first)
		sig := Gemini(v.Secret, GeminiPayload([]byte(v.BodyOrQuery)))
		if strings.HasSuffix(sig, "ceee107170d710f") || len(sig) != 96 {
			t.Errorf("Gemini produced the corrupted doc value %s", sig)
		}
	})

	t.Run("HTX placeholder", func(t *testing.T) {
		v := vectorByFamily(t, vs, "HTX", first)
		if v.Reproducible {
			t.Fatal("HTX vector unexpectedly marked reproducible")
		}
		ts, err := time.Parse("2006-01-02T15:04:05", firstField(v.TimestampOrNonce))
		if err != nil {
			t.Fatal(err)
		}
		query, err := url.ParseQuery(v.BodyOrQuery)
		if err != nil {
			t.Fatal(err)
		}
		params := HTXAuthParams(v.Key, ts, query)
		if got := htxPrehash(v.Method, "API.huobi.pro", v.Path, params); got != v.PrehashString {
			t.Errorf("HTX prehash\n got: %q\nwant: %q", got, v.PrehashString)
		}
		// The doc's redacted secret, as given in exchanges.md §0.1.
		sig := HTX("b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx", v.Method, "api.huobi.pro", v.Path, params)
		if sig == v.ExpectedSignature {
			t.Errorf("HTX produced the placeholder %s", sig)
		}
		if !strings.HasPrefix(sig, "Nmd8AU8u") {
			t.Errorf("HTX with the redacted secret = %s, want Nmd8AU8u… (exchanges.md §0.1)", sig)
		}
	})

	t.Run("Bybit prehash only", func(t *testing.T) {
		v := vectorByFamily(t, vs, "Bybit", first)
		if v.Reproducible {
			t.Fatal("Bybit vector unexpectedly marked reproducible")
		}
		f := strings.Fields(v.TimestampOrNonce) // "<ts> (recv_window <n>)"
		if len(f) != 3 {
			t.Fatalf("unexpected timestamp_or_nonce layout %q", v.TimestampOrNonce)
		}
		recv := strings.TrimSuffix(f[2], ")")
		if got := bybitPrehash(f[0], v.Key, recv, v.BodyOrQuery); got != v.PrehashString {
			t.Errorf("Bybit prehash\n got: %q\nwant: %q", got, v.PrehashString)
		}
		if sig := Bybit("any-secret", f[0], v.Key, recv, v.BodyOrQuery); sig == v.ExpectedSignature {
			t.Errorf("Bybit unexpectedly reproduced the doc value with a made-up secret")
		}
	})

	t.Run("Binance Ed25519 doc signature is RSA-sized", func(t *testing.T) {
		v := vectorByFamily(t, vs, "Binance", func(v vector) bool { return !v.Reproducible })
		priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
		sig := BinanceEd25519(priv, v.BodyOrQuery)
		if sig == v.ExpectedSignature || len(sig) != 88 {
			t.Errorf("Ed25519 signature has %d base64 chars, want 88 (doc prints %d)", len(sig), len(v.ExpectedSignature))
		}
		raw, err := base64.StdEncoding.DecodeString(v.ExpectedSignature)
		if err != nil {
			t.Fatal(err)
		}
		if len(raw) == ed25519.SignatureSize {
			t.Errorf("doc signature is %d bytes; exchanges.md §0.1 says it is RSA-sized", len(raw))
		}
	})
}
