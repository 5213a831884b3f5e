package main

import (
	"os"

	"github.com/adshao/go-binance/v2"
)

var (
	clientOrderID       = "web_beaa80359734969ac1ef08acb2aebf3d"
	orderID       int64 = 28457013
)

func newClient() *binance.Client {
	return binance.NewClient(os.Getenv("BINANCE_API_KEY"), os.Getenv("BINANCE_SECRET_KEY"))
}
