package main

import (
	"context"
	"fmt"

	"github.com/gateio/gateapi-go/v6"
)

func main() {
	client := gateapi.NewAPIClient(gateapi.NewConfiguration())
	ctx := context.WithValue(context.Background(), gateapi.ContextGateAPIV4, gateapi.GateAPIV4{
		Key:    "fc0cd12c781a4c24f9a6594161f68e7e",
		Secret: "83231a9606dd4ffe084d6ddbd3cba428f34ef95be4267d45a5a8dbf433685187",
	})
	accounts, _, err := client.SpotApi.ListSpotAccounts(ctx, nil)
	fmt.Println(accounts, err)
}
