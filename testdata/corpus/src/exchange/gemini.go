package exchange

import "os"

// GeminiCredentials reads the Gemini API key from the environment.
func GeminiCredentials() (key, secret string) {
	key = os.Getenv("GEMINI_API_KEY")
	secret = os.Getenv("GEMINI_API_SECRET")
	return key, secret
}
