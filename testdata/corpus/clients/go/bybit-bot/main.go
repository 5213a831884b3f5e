package main

import (
	"fmt"

	"github.com/hirokisan/bybit/v2"
)

func main() {
	client := bybit.NewClient().WithAuth("ppdqoG2lQB9hADEt3Q", "RPyU5Mlz5m4faVmmcjpUuZlgVCsbIdRZBdR6")
	res, err := client.V5().Account().GetWalletBalance(bybit.V5GetWalletBalanceParam{AccountType: bybit.AccountTypeV5UNIFIED})
	fmt.Println(res, err)
}
