package sign_test

import (
	"fmt"
	"net/url"
	"time"

	"github.com/keyhound/keyhound/verify/sign"
)

// The Binance documentation's HMAC example (exchanges.md §2.1).
func ExampleBinance() {
	secret := "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
	payload := "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
	fmt.Println(sign.Binance(secret, payload))
	// Output: c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71
}

// The Kraken documentation's example (exchanges.md §2.4).
func ExampleKraken() {
	sig, err := sign.Kraken(
		"kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==",
		"/0/private/AddOrder",
		"1616492376594",
		"nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25",
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sig)
	// Output: 4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==
}

// HTX signs a canonical, sorted and RFC 3986-encoded parameter string.
func ExampleHTXParams() {
	ts := time.Date(2017, 5, 11, 15, 19, 30, 0, time.UTC)
	params := sign.HTXAuthParams("e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx", ts, url.Values{"order-id": {"1234567890"}})
	fmt.Println(sign.HTXParams(params))
	// Output: AccessKeyId=e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2017-05-11T15%3A19%3A30&order-id=1234567890
}

// Crypto.com signs a flattened parameter string.
func ExampleCryptoComParamString() {
	params := map[string]any{
		"order_list": []any{
			map[string]any{"side": "BUY", "price": "0.24"},
			map[string]any{"side": "SELL", "price": nil},
		},
		"contingency_type": "LIST",
	}
	fmt.Println(sign.CryptoComParamString(params))
	// Output: contingency_typeLISTorder_listprice0.24sideBUYpricenullsideSELL
}

// The Deribit client_signature example (exchanges.md §2.16).
func ExampleDeribit() {
	fmt.Println(sign.Deribit("AMANDASECRECT", "1576074319000", "1iqt2wls", ""))
	// Output: 56590594f97921b09b18f166befe0d1319b198bbcdad7ca73382de2f88fe9aa1
}
