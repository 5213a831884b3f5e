package exchange

import "os"

// PoloniexCredentials reads the Poloniex API key from the environment.
func PoloniexCredentials() (key, secret string) {
	key = os.Getenv("POLONIEX_API_KEY")
	secret = os.Getenv("POLONIEX_API_SECRET")
	return key, secret
}
