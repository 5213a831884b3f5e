package sign

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash"
	"net/url"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// Reference implementations used to check the signers independently of the
// package's own helpers.
func refMAC(h func() hash.Hash, key []byte, msg string) []byte {
	m := hmac.New(h, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

func refHex(h func() hash.Hash, key, msg string) string {
	return hex.EncodeToString(refMAC(h, []byte(key), msg))
}

func refB64(h func() hash.Hash, key, msg string) string {
	return base64.StdEncoding.EncodeToString(refMAC(h, []byte(key), msg))
}

// TestHMACSigners checks every plain HMAC signer against an explicit,
// hand-written prehash string.
func TestHMACSigners(t *testing.T) {
	const s = "s3cr3t"
	emptySHA512 := "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
	tests := []struct {
		name, got, want string
	}{
		{"OKX", OKX(s, "2020-12-08T09:08:57.715Z", "get", "/api/v5/account/balance?ccy=BTC", ""),
			refB64(sha256.New, s, "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC")},
		{"Bybit", Bybit(s, "1658384314791", "XXXXXXXXXX", "5000", "category=option"),
			refHex(sha256.New, s, "1658384314791XXXXXXXXXX5000category=option")},
		{"KuCoin", KuCoin(s, "1", "get", "/api/v1/user/api-key", ""),
			refB64(sha256.New, s, "1GET/api/v1/user/api-key")},
		{"KuCoinPassphrase", KuCoinPassphrase(s, "pass phrase"), refB64(sha256.New, s, "pass phrase")},
		{"Bitfinex", Bitfinex(s, "v2/auth/r/permissions", "1700000000000000", "{}"),
			refHex(sha512.New384, s, "/api/v2/auth/r/permissions1700000000000000{}")},
		{"Bitfinex leading slash", Bitfinex(s, "/v2/auth/r/permissions", "1", "{}"),
			refHex(sha512.New384, s, "/api/v2/auth/r/permissions1{}")},
		{"BitfinexV1", BitfinexV1(s, "eyJyZXF1ZXN0IjoiL3YxL2JhbGFuY2VzIn0="),
			refHex(sha512.New384, s, "eyJyZXF1ZXN0IjoiL3YxL2JhbGFuY2VzIn0=")},
		{"Gemini", Gemini(s, "e30="), refHex(sha512.New384, s, "e30=")},
		{"Bitstamp", Bitstamp(s, BitstampRequest{
			APIKey: "KEY", Method: "post", Host: "www.bitstamp.net", Path: "/api/v2/account_balances/",
			ContentType: "application/x-www-form-urlencoded", Nonce: "f93c979d-b00d-43a9-9b9c-fd4cd9547fa6",
			Timestamp: "1567755304968", Body: "foo=bar",
		}), refHex(sha256.New, s, "BITSTAMP KEYPOSTwww.bitstamp.net/api/v2/account_balances/"+
			"application/x-www-form-urlencodedf93c979d-b00d-43a9-9b9c-fd4cd9547fa61567755304968v2foo=bar")},
		{"Bitstamp no body", Bitstamp(s, BitstampRequest{APIKey: "K", Method: "GET", Host: "h", Path: "/p", Query: "a=1", Nonce: "n", Timestamp: "1"}),
			refHex(sha256.New, s, "BITSTAMP KGETh/pa=1n1v2")},
		{"BitstampV1", BitstampV1(s, "1", "123", "KEY"), strings.ToUpper(refHex(sha256.New, s, "1123KEY"))},
		{"GateIO", GateIO(s, "get", "/api/v4/account/detail", "", "", "1541993715"),
			refHex(sha512.New, s, "GET\n/api/v4/account/detail\n\n"+emptySHA512+"\n1541993715")},
		{"GateIO body", GateIO(s, "POST", "/api/v4/spot/orders", "a=1", `{"x":1}`, "2"),
			refHex(sha512.New, s, "POST\n/api/v4/spot/orders\na=1\n"+hexSHA512(`{"x":1}`)+"\n2")},
		{"MEXC", MEXC(s, "timestamp=1"), refHex(sha256.New, s, "timestamp=1")},
		{"Bitget query", Bitget(s, "16273667805456", "GET", "/api/mix/v2/market/depth", "symbol=BTCUSDT&limit=20", ""),
			refB64(sha256.New, s, "16273667805456GET/api/mix/v2/market/depth?symbol=BTCUSDT&limit=20")},
		{"Bitget body", Bitget(s, "1", "post", "/api/v2/spot/trade/place-order", "", `{"a":1}`),
			refB64(sha256.New, s, `1POST/api/v2/spot/trade/place-order{"a":1}`)},
		{"BitMEX", BitMEX(s, "get", "/api/v1/user", "1518064236", ""), refHex(sha256.New, s, "GET/api/v1/user1518064236")},
		{"WooXV1 no params", WooXV1(s, nil, "1578565539808"), refHex(sha256.New, s, "|1578565539808")},
		{"WooXV3", WooXV3(s, "1", "get", "/v3/account/info", ""), refHex(sha256.New, s, "1GET/v3/account/info")},
		{"BitMart", BitMart(s, "1589793795969", "memo", `{"a":1}`), refHex(sha256.New, s, `1589793795969#memo#{"a":1}`)},
		{"Bitvavo no prefix", Bitvavo(s, "1", "get", "/account", ""), refHex(sha256.New, s, "1GET/v2/account")},
		{"Bitvavo prefix", Bitvavo(s, "1", "GET", "/v2/account", ""), refHex(sha256.New, s, "1GET/v2/account")},
		{"Bitvavo bare /v2", Bitvavo(s, "1", "GET", "/v2", ""), refHex(sha256.New, s, "1GET/v2")},
		{"Bitvavo /v2xyz is not a prefix", Bitvavo(s, "1", "GET", "/v2xyz", ""), refHex(sha256.New, s, "1GET/v2/v2xyz")},
		{"Poloniex", Poloniex(s, "get", "/accounts", "signTimestamp=1"), refB64(sha256.New, s, "GET\n/accounts\nsignTimestamp=1")},
		{"PoloniexLegacy", PoloniexLegacy(s, "command=returnBalances&nonce=1"), refHex(sha512.New, s, "command=returnBalances&nonce=1")},
		{"Phemex", Phemex(s, "/accounts/accountPositions", "currency=BTC", "1575735514", ""),
			refHex(sha256.New, s, "/accounts/accountPositionscurrency=BTC1575735514")},
		{"Deribit", Deribit(s, "1", "n", ""), refHex(sha256.New, s, "1\nn\n")},
		{"CoinbaseV2", CoinbaseV2(s, "1", "get", "/v2/user", ""), refHex(sha256.New, s, "1GET/v2/user")},
		{"Binance", Binance(s, "a=1b=2"), refHex(sha256.New, s, "a=1b=2")},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %s, want %s", tc.name, tc.got, tc.want)
		}
	}
}

func hexSHA512(s string) string {
	sum := sha512.Sum512([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestDeribitHeader(t *testing.T) {
	got := DeribitHeader("AMANDA", "AMANDASECRECT", "1576074319000", "1iqt2wls", "get", "/api/v2/private/get_account_summary?currency=BTC", "")
	sig := refHex(sha256.New, "AMANDASECRECT", "1576074319000\n1iqt2wls\nGET\n/api/v2/private/get_account_summary?currency=BTC\n\n")
	want := "deri-hmac-sha256 id=AMANDA,ts=1576074319000,sig=" + sig + ",nonce=1iqt2wls"
	if got != want {
		t.Errorf("DeribitHeader = %q, want %q", got, want)
	}
	if d := DeribitRequestData("post", "/x", "{}"); d != "POST\n/x\n{}\n" {
		t.Errorf("DeribitRequestData = %q", d)
	}
}

func TestTimestamps(t *testing.T) {
	ts := time.Date(2020, 12, 8, 17, 8, 57, 715_900_000, time.FixedZone("CST", 8*3600))
	if got := OKXTimestamp(ts); got != "2020-12-08T09:08:57.715Z" {
		t.Errorf("OKXTimestamp = %q", got)
	}
	if got := OKXTimestamp(time.Date(2021, 1, 2, 3, 4, 5, 0, time.UTC)); got != "2021-01-02T03:04:05.000Z" {
		t.Errorf("OKXTimestamp whole second = %q", got)
	}
	if got := HTXTimestamp(ts); got != "2020-12-08T09:08:57" {
		t.Errorf("HTXTimestamp = %q", got)
	}
}

func TestKrakenBadSecret(t *testing.T) {
	for _, secret := range []string{
		"",                       // empty
		"   ",                    // whitespace only
		"not base64!",            // bad alphabet
		"abc",                    // bad length
		"kQH5HW_8p1uGOVjbgWA7Fu", // base64url alphabet, no padding
		"YWJj\x00ZA==",           // NUL inside
	} {
		if _, err := Kraken(secret, "/0/private/Balance", "1", "nonce=1"); err == nil {
			t.Errorf("Kraken(%q) returned no error", secret)
		}
		if _, err := KrakenFutures(secret, "/api/v3/accounts", "1", ""); err == nil {
			t.Errorf("KrakenFutures(%q) returned no error", secret)
		}
		if _, err := CoinbaseExchange(secret, "1", "GET", "/accounts", ""); err == nil {
			t.Errorf("CoinbaseExchange(%q) returned no error", secret)
		}
	}
}

func TestKrakenSecretWhitespaceAndFutures(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	secret := base64.StdEncoding.EncodeToString(key)

	a, err := Kraken(secret, "/0/private/GetApiKeyInfo", "1", "nonce=1")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Kraken("  "+secret+"\n", "/0/private/GetApiKeyInfo", "1", "nonce=1")
	if err != nil || a != b {
		t.Errorf("surrounding whitespace changed the Kraken signature: %v", err)
	}
	inner := sha256.Sum256([]byte("1nonce=1"))
	if want := base64.StdEncoding.EncodeToString(refMAC(sha512.New, key, "/0/private/GetApiKeyInfo"+string(inner[:]))); a != want {
		t.Errorf("Kraken = %s, want %s", a, want)
	}

	f, err := KrakenFutures(secret, "/api/v3/accounts", "42", "a=1")
	if err != nil {
		t.Fatal(err)
	}
	fi := sha256.Sum256([]byte("a=142/api/v3/accounts"))
	if want := base64.StdEncoding.EncodeToString(refMAC(sha512.New, key, string(fi[:]))); f != want {
		t.Errorf("KrakenFutures = %s, want %s", f, want)
	}

	c, err := CoinbaseExchange(secret, "1700000000", "get", "/accounts", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := base64.StdEncoding.EncodeToString(refMAC(sha256.New, key, "1700000000GET/accounts")); c != want {
		t.Errorf("CoinbaseExchange = %s, want %s", c, want)
	}
}

func TestHTXParams(t *testing.T) {
	tests := []struct {
		name   string
		params url.Values
		want   string
	}{
		{"empty", nil, ""},
		{"ascii order, upper before lower", url.Values{"b": {"2"}, "a": {"1"}, "Z": {"0"}, "AccessKeyId": {"k"}},
			"AccessKeyId=k&Z=0&a=1&b=2"},
		{"colon in timestamp", url.Values{"Timestamp": {"2017-05-11T15:19:30"}}, "Timestamp=2017-05-11T15%3A19%3A30"},
		{"space is %20 not +", url.Values{"note": {"a b+c"}}, "note=a%20b%2Bc"},
		{"unreserved kept", url.Values{"v": {"A-z_0.9~"}}, "v=A-z_0.9~"},
		{"reserved encoded", url.Values{"v": {"*'()!/?&=,;@$"}}, "v=%2A%27%28%29%21%2F%3F%26%3D%2C%3B%40%24"},
		{"utf-8 upper-case hex", url.Values{"v": {"é１"}}, "v=%C3%A9%EF%BC%91"},
		{"key encoded", url.Values{"a b": {"1"}}, "a%20b=1"},
		{"repeated key sorted by value", url.Values{"k": {"b", "a"}}, "k=a&k=b"},
		{"hyphenated key sorts after upper-case", url.Values{"order-id": {"1"}, "Timestamp": {"t"}}, "Timestamp=t&order-id=1"},
		{"empty value", url.Values{"k": {""}}, "k="},
	}
	for _, tc := range tests {
		if got := HTXParams(tc.params); got != tc.want {
			t.Errorf("%s: HTXParams = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestHTX(t *testing.T) {
	ts := time.Date(2017, 5, 11, 15, 19, 30, 0, time.UTC)
	in := url.Values{"order-id": {"1234567890"}}
	params := HTXAuthParams("AK", ts, in)
	if len(in) != 1 {
		t.Errorf("HTXAuthParams modified its input: %v", in)
	}
	params["order-id"][0] = "changed"
	if in.Get("order-id") != "1234567890" {
		t.Errorf("HTXAuthParams shares slices with its input")
	}
	params.Set("order-id", "1234567890")
	wantPre := "GET\napi.huobi.pro\n/v1/order/orders\nAccessKeyId=AK&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2017-05-11T15%3A19%3A30&order-id=1234567890"
	if got := htxPrehash("get", "Api.Huobi.Pro", "/v1/order/orders", params); got != wantPre {
		t.Errorf("htxPrehash = %q, want %q", got, wantPre)
	}
	if got, want := HTX("sk", "GET", "api.huobi.pro", "/v1/order/orders", params), refB64(sha256.New, "sk", wantPre); got != want {
		t.Errorf("HTX = %s, want %s", got, want)
	}

	priv := ed25519.NewKeyFromSeed(make([]byte, 32))
	sig, err := base64.StdEncoding.DecodeString(HTXEd25519(priv, "GET", "api.huobi.pro", "/v1/order/orders", params))
	if err != nil {
		t.Fatal(err)
	}
	if !ed25519.Verify(priv.Public().(ed25519.PublicKey), []byte(wantPre), sig) {
		t.Error("HTXEd25519 signature does not verify over the HTX prehash")
	}
}

func TestWooXV1Params(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", ""},
		{"symbol=SPOT_BTC_USDT&order_type=LIMIT&order_price=9000&order_quantity=0.11&side=BUY",
			"order_price=9000&order_quantity=0.11&order_type=LIMIT&side=BUY&symbol=SPOT_BTC_USDT"},
		{"b=2&a=x%20y", "a=x y&b=2"}, // values are signed decoded, not re-encoded
		{"k=2&k=1", "k=2&k=1"},       // repeated keys keep their order
	}
	for _, tc := range tests {
		q, err := url.ParseQuery(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := WooXV1Params(q); got != tc.want {
			t.Errorf("WooXV1Params(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPoloniexParams(t *testing.T) {
	tests := []struct {
		name  string
		query url.Values
		body  string
		ts    string
		want  string
	}{
		{"no params", nil, "", "1659259836247", "signTimestamp=1659259836247"},
		{"GET sorted", url.Values{"symbol": {"ETH_USDT"}, "limit": {"5"}}, "", "1659259836247",
			"limit=5&signTimestamp=1659259836247&symbol=ETH_USDT"},
		{"encodeURIComponent values", url.Values{"q": {"a b/c:d"}, "r": {"!~*'()-_."}}, "", "1",
			"q=a%20b%2Fc%3Ad&r=!~*'()-_.&signTimestamp=1"},
		{"upper-case keys sort first", url.Values{"Z": {"1"}, "a": {"2"}}, "", "1", "Z=1&a=2&signTimestamp=1"},
		{"repeated key", url.Values{"id": {"2", "1"}}, "", "1", "id=1&id=2&signTimestamp=1"},
		{"JSON body verbatim", url.Values{"ignored": {"x"}}, `{"symbol": "ETH_USDT", "amount": "1"}`, "1659259836247",
			`requestBody={"symbol": "ETH_USDT", "amount": "1"}&signTimestamp=1659259836247`},
	}
	for _, tc := range tests {
		if got := PoloniexParams(tc.query, tc.body, tc.ts); got != tc.want {
			t.Errorf("%s: PoloniexParams = %q, want %q", tc.name, got, tc.want)
		}
	}
	want := refB64(sha256.New, "k", "GET\n/orders\nlimit=5&signTimestamp=1&symbol=ETH_USDT")
	if got := Poloniex("k", "GET", "/orders", PoloniexParams(url.Values{"symbol": {"ETH_USDT"}, "limit": {"5"}}, "", "1")); got != want {
		t.Errorf("Poloniex = %s, want %s", got, want)
	}
}

func TestCryptoComParamString(t *testing.T) {
	type nested = map[string]any
	num := json.Number("0.10")
	tests := []struct {
		name   string
		params any
		want   string
	}{
		{"nil", nil, ""},
		{"nil map", map[string]any(nil), ""},
		{"nil pointer", (*map[string]any)(nil), ""},
		{"empty", nested{}, ""},
		{"sorted keys, no separators", nested{"b": "2", "a": "1", "C": "0"}, "C0a1b2"},
		{"null", nested{"a": nil}, "anull"},
		{"bool lower-case", nested{"t": true, "f": false}, "ffalsettrue"},
		{"numbers", nested{"i": 3, "f": 0.5, "g": 1.0, "n": num, "f32": float32(2.5)}, "f0.5f322.5g1i3n0.10"},
		{"string map", map[string]string{"y": "2", "x": "1"}, "x1y2"},
		{"pointer to map", &nested{"a": "1"}, "a1"},
		{"list of objects flattened", nested{
			"contingency_type": "LIST",
			"order_list": []any{
				nested{"instrument_name": "ONE_USDT", "side": "BUY", "type": "LIMIT", "price": "0.24", "quantity": "1.0"},
				nested{"instrument_name": "ONE_USDT", "side": "BUY", "type": "STOP_LIMIT", "price": "0.27", "quantity": "1.0", "trigger_price": "0.26"},
			},
		}, "contingency_typeLIST" +
			"order_list" +
			"instrument_nameONE_USDTprice0.24quantity1.0sideBUYtypeLIMIT" +
			"instrument_nameONE_USDTprice0.27quantity1.0sideBUYtrigger_price0.26typeSTOP_LIMIT"},
		{"list of scalars and null", nested{"ids": []any{"a", 1, nil, true}}, "idsa1nulltrue"},
		{"typed string list", nested{"ids": []string{"x", "y"}}, "idsxy"},
		{"nested list flattened", nested{"l": []any{[]any{"a", "b"}, "c"}}, "labc"},
		{"nested object recursed", nested{"o": nested{"b": "2", "a": nested{"z": "9"}}}, "oaz9b2"},
		{"bytes are a scalar", nested{"b": []byte("hi")}, "b[104 105]"},
		{"depth 3 rendered as JSON", nested{"l1": []any{nested{"l2": []any{nested{"l3": []any{nested{"z": "1", "a": nil}}}}}}},
			`l1l2l3{"a":null,"z":"1"}`},
		{"depth 3 unmarshalable falls back to fmt", nested{"a": nested{"b": nested{"c": map[string]any{"f": func() {}}}}},
			"abcmap[f:"},
	}
	for _, tc := range tests {
		got := CryptoComParamString(tc.params)
		if strings.HasSuffix(tc.want, "[f:") {
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("%s: CryptoComParamString = %q, want prefix %q", tc.name, got, tc.want)
			}
			continue
		}
		if got != tc.want {
			t.Errorf("%s: CryptoComParamString = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := CryptoComParamString("scalar"); got != "scalar" {
		t.Errorf("CryptoComParamString(scalar) = %q", got)
	}
}

func TestCryptoCom(t *testing.T) {
	got := CryptoCom("sec", "private/user-balance", 11, "KEY", nil, 1587523073344)
	if want := refHex(sha256.New, "sec", "private/user-balance11KEY1587523073344"); got != want {
		t.Errorf("CryptoCom no params = %s, want %s", got, want)
	}
	got = CryptoCom("sec", "private/get-order-detail", 11, "KEY", map[string]any{"order_id": "53287421324"}, 1587846358253)
	if want := refHex(sha256.New, "sec", "private/get-order-detail11KEYorder_id532874213241587846358253"); got != want {
		t.Errorf("CryptoCom = %s, want %s", got, want)
	}
}

func TestUpbitQueryHash(t *testing.T) {
	tests := []struct{ query, want string }{
		{"", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
		{"market=KRW-BTC", "b749dfc2e17f75e5b46c8161f97fe7c9298ed4167ea21c5c94d16573efd8a801351470c0ff1a9a3f1e763f8249968218c04c571c8b45aa80cd4588e6c4be0738"},
		{"states[]=wait&states[]=watch", "ee4ff24f6e4f55cf0b17149ee355ef953d0ffac5219d4763748e49c91d44e063ec5336f8e1c9e80c42bee7a902745eb5410a09c793486b2b06845accd6765d14"},
	}
	for _, tc := range tests {
		if got := UpbitQueryHash(tc.query); got != tc.want {
			t.Errorf("UpbitQueryHash(%q) = %s, want %s", tc.query, got, tc.want)
		}
	}
}

// splitJWT decodes a compact JWS into header, claims, signing input and
// signature.
func splitJWT(t *testing.T, tok string) (header, claims map[string]any, input string, sig []byte) {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("JWT has %d parts: %q", len(parts), tok)
	}
	dec := func(s string, v any) {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("segment %q is not unpadded base64url: %v", s, err)
		}
		d := json.NewDecoder(strings.NewReader(string(b)))
		d.UseNumber()
		if err := d.Decode(v); err != nil {
			t.Fatalf("segment %q: %v", b, err)
		}
	}
	dec(parts[0], &header)
	dec(parts[1], &claims)
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	return header, claims, parts[0] + "." + parts[1], sig
}

func TestUpbitJWT(t *testing.T) {
	const ak, sk, nonce = "a7Xd92LmQW3vBtRzYpMj5CxNKeT1HuVs0fFgJcAw", "secretsecretsecretsecretsecretsecret0000", "8d3b4d2a-1f2e-4c3d-9a7b-0e1f2a3b4c5d"
	tests := []struct {
		alg, wantAlg, query string
		h                   func() hash.Hash
	}{
		{"", "HS256", "", sha256.New},
		{"HS256", "HS256", "market=KRW-BTC", sha256.New},
		{"HS512", "HS512", "states[]=wait&states[]=watch", sha512.New},
	}
	for _, tc := range tests {
		tok, err := UpbitJWT(ak, sk, nonce, tc.query, tc.alg)
		if err != nil {
			t.Fatal(err)
		}
		header, claims, input, sig := splitJWT(t, tok)
		if header["alg"] != tc.wantAlg || header["typ"] != "JWT" || len(header) != 2 {
			t.Errorf("header = %v", header)
		}
		if !hmac.Equal(sig, refMAC(tc.h, []byte(sk), input)) {
			t.Errorf("%s signature does not verify", tc.wantAlg)
		}
		if claims["access_key"] != ak || claims["nonce"] != nonce {
			t.Errorf("claims = %v", claims)
		}
		if tc.query == "" {
			if _, ok := claims["query_hash"]; ok || len(claims) != 2 {
				t.Errorf("query_hash present without a query: %v", claims)
			}
			continue
		}
		if claims["query_hash"] != UpbitQueryHash(tc.query) || claims["query_hash_alg"] != "SHA512" {
			t.Errorf("query claims = %v", claims)
		}
	}
	if _, err := UpbitJWT(ak, sk, nonce, "", "RS256"); err == nil {
		t.Error("UpbitJWT accepted alg RS256")
	}
}

func TestUUIDv4(t *testing.T) {
	got, err := UUIDv4(strings.NewReader(strings.Repeat("\xff", 16)))
	if err != nil {
		t.Fatal(err)
	}
	if want := "ffffffff-ffff-4fff-bfff-ffffffffffff"; got != want {
		t.Errorf("UUIDv4 = %q, want %q", got, want)
	}
	got, err = UUIDv4(strings.NewReader(strings.Repeat("\x00", 16)))
	if err != nil || got != "00000000-0000-4000-8000-000000000000" {
		t.Errorf("UUIDv4(zeros) = %q, %v", got, err)
	}
	a, err1 := UUIDv4(nil)
	b, err2 := UUIDv4(nil)
	if err1 != nil || err2 != nil || a == b || len(a) != 36 || a[14] != '4' {
		t.Errorf("UUIDv4(nil) = %q, %q (%v, %v)", a, b, err1, err2)
	}
	if _, err := UUIDv4(strings.NewReader("short")); err == nil {
		t.Error("UUIDv4 accepted a short reader")
	}
	if _, err := UUIDv4(iotest.ErrReader(errors.New("boom"))); err == nil {
		t.Error("UUIDv4 ignored a reader error")
	}
}
