package exchange

import "os"

// BybitCredentials reads the Bybit API key from the environment.
func BybitCredentials() (key, secret string) {
	key = os.Getenv("BYBIT_API_KEY")
	secret = os.Getenv("BYBIT_API_SECRET")
	return key, secret
}
