package main

import (
	"os"

	ccxt "github.com/ccxt/ccxt/go/v4"
)

func main() {
	exchange := ccxt.NewOkx(nil)
	exchange.ApiKey = os.Getenv("OKX_API_KEY")
	exchange.Secret = os.Getenv("OKX_SECRET")
	exchange.Password = os.Getenv("OKX_PASSWORD")
}
