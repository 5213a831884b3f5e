package config

const (
	//restApi config
	BaseUrl       = "https://api.bitget.com"
	ApiKey        = "bg_a12e8f945dafd6b95bfe77aedfc75dfa"
	SecretKey     = "79bc62fc6d2f332c4764ff383788f4cfaaf32338a1529d54190abba458b7514d"
	PASSPHRASE    = "Raven.8301R1T"
	TimeoutSecond = 30

	//websocket config
	WsUrl = "wss://ws.bitget.com/v2/ws/private"
)
