package verify

// All returns a verifier for every exchange of the default rule packs.
func All() []Verifier {
	out := []Verifier{Binance{}, BinanceUS()}
	out = append(out, groupA()...)
	out = append(out, groupB()...)
	out = append(out, groupC()...)
	return out
}
