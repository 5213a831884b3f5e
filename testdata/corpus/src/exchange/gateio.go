package exchange

import "os"

// GateioCredentials reads the Gate.io API key from the environment.
func GateioCredentials() (key, secret string) {
	key = os.Getenv("GATE_API_KEY")
	secret = os.Getenv("GATE_API_SECRET")
	return key, secret
}
