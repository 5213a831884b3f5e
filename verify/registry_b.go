package verify

// groupB lists the verifiers of this file's exchanges.
func groupB() []Verifier {
	return []Verifier{Bitstamp{}, HTX{}, GateIO{}, MEXC{}, Bitget{}, CryptoCom{}, Deribit{}}
}
