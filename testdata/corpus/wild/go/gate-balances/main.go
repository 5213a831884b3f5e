package main

import (
	"context"
	"os"

	"github.com/gateio/gateapi-go/v6"
)

func ctx() context.Context {
	return context.WithValue(context.Background(), gateapi.ContextGateAPIV4, gateapi.GateAPIV4{
		Key:    os.Getenv("GATE_API_KEY"),
		Secret: os.Getenv("GATE_API_SECRET"),
	})
}
