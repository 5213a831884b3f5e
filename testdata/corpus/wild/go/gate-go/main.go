package main

import (
	"context"
	"fmt"

	"github.com/gateio/gateapi-go/v6"
)

func main() {
	client := gateapi.NewAPIClient(gateapi.NewConfiguration())
	ctx := context.WithValue(context.Background(), gateapi.ContextGateAPIV4, gateapi.GateAPIV4{
		Key:    "32339a3f4468e26df2025ab489c29984",
		Secret: "383e041daf8f84ec31865cde14ef79da152bd2bbc265037ac80cdadaaa687ad7",
	})
	accounts, _, err := client.SpotApi.ListSpotAccounts(ctx, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(accounts)
}
