package config

const (
	BaseUrl    = "https://api.bitget.com"
	ApiKey     = ""
	SecretKey  = ""
	PASSPHRASE = ""
)
