package main

import (
	"log"

	"github.com/Kucoin/kucoin-go-sdk"
)

func main() {
	s := kucoin.NewApiService(
		kucoin.ApiKeyOption("66235df538a042706468e7a9"),
		kucoin.ApiSecretOption("9b68c5df-a32f-4821-90a7-6427d3b22307"),
		kucoin.ApiPassPhraseOption("lotusTiger25!"),
		kucoin.ApiKeyVersionOption(kucoin.ApiKeyVersionV2),
	)
	rsp, err := s.Accounts("", "")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(rsp)
}
