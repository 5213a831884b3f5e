package main

import (
	"context"
	"fmt"

	"github.com/adshao/go-binance/v2"
)

var (
	apiKey    = "7bnlgGW2U28WCPaIkjPREdKzETdUbzbzpQx6A13Imw01rKqm0shPboGLgdBUvFTO"
	secretKey = "JqTRnZVrVLwyNDe8W0EdHmJlK5MiqLdGxGPCcrhNLeQ0CeDmacZx6ra37lsTgwlm"
)

func main() {
	client := binance.NewClient(apiKey, secretKey)
	res, err := client.NewGetAccountService().Do(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range res.Balances {
		fmt.Println(b.Asset, b.Free)
	}
}
