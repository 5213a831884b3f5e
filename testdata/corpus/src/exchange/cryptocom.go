package exchange

import "os"

// CryptocomCredentials reads the Crypto.com API key from the environment.
func CryptocomCredentials() (key, secret string) {
	key = os.Getenv("CRYPTO_COM_API_KEY")
	secret = os.Getenv("CRYPTO_COM_SECRET_KEY")
	return key, secret
}
