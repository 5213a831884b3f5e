package verify

// All returns a verifier for every exchange of the default rule packs.
func All() []Verifier {
	return []Verifier{
		Binance{}, BinanceUS(), Coinbase{}, CoinbaseExchange{}, Kraken{}, OKX{}, Bybit{}, KuCoin{}, Bitfinex{}, Gemini{},
		Bitstamp{}, HTX{}, GateIO{}, MEXC{}, Bitget{}, CryptoCom{}, Deribit{},
		BitMEX{}, WooX{}, BitMart{}, Bitvavo{}, Poloniex{}, Upbit{}, Phemex{},
	}
}
