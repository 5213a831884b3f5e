package exchange

import "os"

// WOOXCredentials reads the WOO X API key from the environment.
func WOOXCredentials() (key, secret string) {
	key = os.Getenv("WOO_API_KEY")
	secret = os.Getenv("WOO_API_SECRET")
	return key, secret
}
