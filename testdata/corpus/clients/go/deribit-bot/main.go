package main

import (
	"log"

	"github.com/frankrap/deribit-api"
)

func main() {
	cfg := &deribit.Configuration{
		Addr:          deribit.RealBaseURL,
		ApiKey:        "54WxOl7fGz",
		SecretKey:     "_uxKKs1GSbUZwAYLNyb72zPHAlrcrIpKChfH5z2o1iw",
		AutoReconnect: true,
	}
	client := deribit.New(cfg)
	log.Println(client.GetTime())
}
