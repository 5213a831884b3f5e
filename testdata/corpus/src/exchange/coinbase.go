package exchange

import "os"

// CoinbaseCredentials reads the Coinbase API key from the environment.
func CoinbaseCredentials() (key, secret string) {
	key = os.Getenv("COINBASE_API_KEY")
	secret = os.Getenv("COINBASE_API_SECRET")
	return key, secret
}
