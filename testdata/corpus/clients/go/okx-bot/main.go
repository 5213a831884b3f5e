package main

import (
	"context"
	"log"

	"github.com/amir-the-h/okex"
	"github.com/amir-the-h/okex/api"
)

func main() {
	apiKey := "9931c11b-52ec-425a-9a7a-00ec01b91b67"
	secretKey := "F8ACAE7C8239BDD828F4C3B4017FDFB4"
	passphrase := "g9Trm3SmDjAO"
	ctx := context.Background()
	client, err := api.NewClient(ctx, apiKey, secretKey, passphrase, okex.NormalServer)
	if err != nil {
		log.Fatalln(err)
	}
	log.Println(client.Rest.Account.GetConfig())
}
