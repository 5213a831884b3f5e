package main

import (
	"context"
	"fmt"

	"github.com/adshao/go-binance/v2"
)

var (
	apiKey    = "J3l9jR4llkdn9Hi4pDwEyb84UJrKzzvbWfT4J5uE8KoMDCaLC1TRcjbpE5oKALXM"
	secretKey = "9skc87Ttr0o6Kkb6AcKgvgKQlrezgWRD8PcUnECKdUeCobpOznNQ0VJo31z4XjCR"
)

func main() {
	client := binance.NewClient(apiKey, secretKey)
	res, err := client.NewGetAccountService().Do(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Balances)
}
