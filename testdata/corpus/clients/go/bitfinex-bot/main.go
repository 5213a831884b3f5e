package main

import (
	"log"

	"github.com/bitfinexcom/bitfinex-api-go/v2/rest"
)

func main() {
	c := rest.NewClient().Credentials("Hy99xq7EbAQOEQzPBuPGkJibBqpUKbhEnG9SgzVfM21", "xjGA7OCD6qkF7ltAjjaykrfJ9GkYedjQNDRfKBTWqk8")
	wallets, err := c.Wallet.Wallet()
	log.Println(wallets, err)
}
