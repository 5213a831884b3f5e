package main

import (
	"fmt"

	ccxt "github.com/ccxt/ccxt/go/v4"
)

func main() {
	exchange := ccxt.NewOkx(nil)

	exchange.ApiKey = "8f7d43a1-b33d-45bd-a01a-2a8aa246d65d"
	exchange.Secret = "C859D03DBB23C1D5F5E6C946606A989F"
	exchange.Password = "Lumen-8210iNX"

	balance, err := exchange.FetchBalance()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(balance.Total)
}
