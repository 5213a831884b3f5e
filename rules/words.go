package rules

import "strings"

// Names as words. A name as written — BINANCE_API_KEY, apiKey,
// "API Key", OK-ACCESS-KEY, setSecretKey, config.binance.secret — is read
// as lower-case words; a credential's part is known from what is left
// once the venue's name and words that say nothing about the part
// (spot, testnet, prod, config, env, 2, …) are set aside.

// nameWords splits a name into lower-case words: at every byte that is
// not a letter or digit, between a lower-case letter or digit and an
// upper-case letter (apiKey), before the last capital of a run followed
// by lower case (APIKey: api key), and between letters and digits.
func nameWords(name []byte, out []string) []string {
	out = out[:0]
	start := -1
	flush := func(e int) {
		if start >= 0 && e > start {
			out = append(out, strings.ToLower(string(name[start:e])))
		}
		start = -1
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		alnum := isLower(c) || isUpper(c) || isDigit(c)
		if !alnum {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		p := name[i-1]
		switch {
		case isUpper(c) && (isLower(p) || isDigit(p)):
			flush(i)
			start = i
		case isUpper(c) && isUpper(p) && i+1 < len(name) && isLower(name[i+1]):
			flush(i)
			start = i
		case isDigit(c) != isDigit(p):
			flush(i)
			start = i
		}
	}
	flush(len(name))
	return out
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// partNames are the names each part is stored under, in every venue, as
// words once venue names and noise are set aside. A rule adds its own
// with names = [...].
var partNames = map[Part][]string{
	PartKey: {"key", "api key", "apikey", "access key", "accesskey", "key id", "keyid", "api key id", "apikeyid",
		"access key id", "public key", "publickey", "api public key", "api", "access", "client key", "user key",
		"consumer key", "app key", "appkey", "api token", "apitoken", "token", "access token", "api access key"},
	PartSecret: {"secret", "api secret", "apisecret", "secret key", "secretkey", "api secret key", "apisecretkey",
		"private key", "privatekey", "api private key", "sec", "sec key", "secret access key", "access secret",
		"client secret", "consumer secret", "app secret", "signing key", "hmac key", "hmac secret",
		"shared secret", "api secret key id", "secret token", "signature key", "key secret"},
	PartPassphrase: {"passphrase", "pass phrase", "api passphrase", "password", "api password", "pass", "api pass",
		"pwd", "passwd", "api pwd", "trading password", "trade password", "access passphrase", "key passphrase"},
	PartPrivateKey: {"private key", "privatekey", "api private key", "key secret", "secret", "api secret",
		"private key pem", "pem", "signing key", "ed25519 key", "ec key", "api key private key", "secret key"},
}

// noiseWords say nothing about which part a value is: environments,
// markets, account roles, numbering, and the prefixes of environment
// lookups and configuration objects.
var noiseWords = map[string]bool{
	"my": true, "the": true, "your": true, "our": true, "default": true, "main": true, "master": true, "sub": true,
	"live": true, "prod": true, "production": true, "real": true, "dev": true, "development": true, "staging": true,
	"stage": true, "test": true, "testnet": true, "testing": true, "demo": true, "sandbox": true, "paper": true,
	"spot": true, "futures": true, "future": true, "fut": true, "perp": true, "perpetual": true, "perps": true,
	"swap": true, "swaps": true, "usdt": true, "usdm": true, "coinm": true, "usdc": true, "linear": true,
	"inverse": true, "margin": true, "options": true, "option": true, "derivatives": true, "contract": true,
	"contracts": true, "trade": true, "trading": true, "trader": true, "bot": true, "bots": true, "read": true,
	"readonly": true, "ro": true, "rw": true, "write": true, "only": true, "account": true, "acct": true, "user": true,
	"rest": true, "ws": true, "websocket": true, "http": true, "https": true, "v": true, "env": true, "environ": true,
	"environment": true, "process": true, "os": true, "config": true, "cfg": true, "conf": true, "configuration": true,
	"settings": true, "setting": true, "credentials": true, "credential": true, "creds": true, "cred": true,
	"exchange": true, "exchanges": true, "global": true, "app": true, "application": true, "get": true, "set": true,
	"with": true, "x": true, "header": true, "headers": true, "import": true, "meta": true, "vite": true, "next": true,
	"react": true, "vue": true, "nuxt": true, "expo": true, "public": false, "secrets": true, "vars": true,
	"var": true, "variables": true, "const": true, "this": true, "self": true, "props": true, "state": true,
	"opts": true, "args": true, "params": true, "data": true, "value": true, "info": true, "new": true, "old": true,
	"primary": true, "secondary": true, "backup": true, "current": true, "local": true, "remote": true, "server": true,
	"prv": false, "hedge": true, "arb": true, "mm": true, "maker": true, "market": true, "markets": true,
	"to": true, "for": true, "of": true, "in": true, "and": true, "is": true, "a": true, "id": false,
}

// setterPrefixes start method names that take a value: setApiKey,
// withSecret, apiKey(…) itself is the name.
var setterPrefixes = map[string]bool{"set": true, "with": true, "put": true, "use": true, "add": true}

// isDigits reports whether a word is a number (API_KEY_2, key1).
func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return w != ""
}
