package verify

// Remediation says where and how the owner of a leaked or over-privileged
// key revokes it and issues a new one. keyhound never does either: it
// only points the way.
type Remediation struct {
	// Venue is the exchange's display name.
	Venue string `json:"venue"`
	// ManageURL is the exchange's API-management page (after logging in),
	// where keys are listed, deleted and created.
	ManageURL string `json:"manage_url"`
	// Navigate says how to reach that page from the site's menus, for
	// when the link moves.
	Navigate string `json:"navigate"`
	// DocsURL is the exchange's own documentation for creating and
	// deleting keys.
	DocsURL string `json:"docs_url"`
	// Note is what is particular to the venue (expiry rules, what a new
	// key should look like), when there is something.
	Note string `json:"note,omitempty"`
}

// RemediationFor returns the remediation for the verifier named name.
func RemediationFor(name string) (Remediation, bool) {
	r, ok := remediations()[name]
	return r, ok
}

// remediations is keyed by verifier name (Spec.Name). The pages and
// documentation are the exchanges' own. Checked against the exchanges'
// help centres and API documentation (2026-12): binance, bitfinex,
// bybit (navigation), coinbase, deribit, gateio, kraken, kucoin, okx,
// upbit, woox, bitvavo. The others follow the documentation named in
// the reference notes and should be re-checked when a link moves.
func remediations() map[string]Remediation {
	return map[string]Remediation{
		"binance": {
			Venue: "Binance", ManageURL: "https://www.binance.com/en/my/settings/api-management",
			Navigate: "Profile → Account → API Management: Delete the key, then Create API",
			DocsURL:  "https://www.binance.com/en/support/faq/how-to-create-api-keys-on-binance-360002502072",
			Note:     "Binance requires an IP access restriction before withdrawals can be enabled; a key that trades needs no withdrawal permission.",
		},
		"binance-us": {
			Venue: "Binance.US", ManageURL: "https://www.binance.us/settings/api-management",
			Navigate: "Profile → API Management: Delete the key, then Create API",
			DocsURL:  "https://docs.binance.us/",
		},
		"bitfinex": {
			Venue: "Bitfinex", ManageURL: "https://setting.bitfinex.com/api",
			Navigate: "Account → API → My API Keys: Revoke; then Create New Key",
			DocsURL:  "https://support.bitfinex.com/hc/en-us/articles/115003363429-How-to-create-and-revoke-a-Bitfinex-API-Key",
			Note:     "A new key can be limited to up to 20 IP addresses (IP Access restrictions).",
		},
		"bitget": {
			Venue: "Bitget", ManageURL: "https://www.bitget.com/account/newapi",
			Navigate: "Profile → API Management: Delete the key, then Create API",
			DocsURL:  "https://www.bitget.com/api-doc/common/quick-start",
		},
		"bitmart": {
			Venue: "BitMart", ManageURL: "https://www.bitmart.com/api-config/en-US",
			Navigate: "Account → API Management: Delete the key, then Create API",
			DocsURL:  "https://developer-pro.bitmart.com/en/spot/#api-key-create",
		},
		"bitmex": {
			Venue: "BitMEX", ManageURL: "https://www.bitmex.com/app/apiKeys",
			Navigate: "Account → API Keys: Delete the key, then Create API Key",
			DocsURL:  "https://www.bitmex.com/app/apiKeysUsage",
			Note:     "A new key can be limited to a CIDR range.",
		},
		"bitstamp": {
			Venue: "Bitstamp", ManageURL: "https://www.bitstamp.net/account/security/api/",
			Navigate: "Settings → Security → API access: Delete the key, then Create new API key",
			DocsURL:  "https://www.bitstamp.net/api/#section/Authentication",
		},
		"bitvavo": {
			Venue: "Bitvavo", ManageURL: "https://account.bitvavo.com/user/api",
			Navigate: "Your name (top right) → API: delete the key, then Request new API Key",
			DocsURL:  "https://support.bitvavo.com/l/en/article/on9e1brlqq-what-are-api-keys-and-how-do-i-make-one",
			Note:     "Withdrawals requested with an API key bypass 2FA: give a new key an IP whitelist and no withdrawal permission unless it needs one.",
		},
		"bybit": {
			Venue: "Bybit", ManageURL: "https://www.bybit.com/app/user/api-management",
			Navigate: "Profile → API: Delete the key, then Create New Key",
			DocsURL:  "https://bybit-exchange.github.io/docs/v5/guide",
			Note:     "A key with no IP bound expires after 90 days; one bound to IPs does not.",
		},
		"coinbase": {
			Venue: "Coinbase (CDP API keys)", ManageURL: "https://portal.cdp.coinbase.com/access/api",
			Navigate: "Coinbase Developer Platform → Access → API Keys: Configure → Delete; then Create API key",
			DocsURL:  "https://docs.cdp.coinbase.com/coinbase-business/introduction/get-started",
			Note:     "A new key can be limited to an IP allowlist (API restrictions).",
		},
		"coinbase-exchange": {
			Venue: "Coinbase Exchange", ManageURL: "https://exchange.coinbase.com/profile/api",
			Navigate: "Profile → API: Delete the key, then New API Key",
			DocsURL:  "https://docs.cdp.coinbase.com/exchange/docs/rest-auth",
		},
		"cryptocom": {
			Venue: "Crypto.com Exchange", ManageURL: "https://crypto.com/exchange/user/settings/api-management",
			Navigate: "Settings → API Keys: Delete the key, then Create a new API key",
			DocsURL:  "https://exchange-docs.crypto.com/exchange/v1/rest-ws/index.html#generating-the-api-key",
		},
		"deribit": {
			Venue: "Deribit", ManageURL: "https://www.deribit.com/account/BTC/api",
			Navigate: "Account (top right) → API: remove the key, then Add new key",
			DocsURL:  "https://docs.deribit.com/articles/creating-api-key",
			Note:     "Removing a key cannot be undone; disabling only suspends it. A new key's scopes can stop at read.",
		},
		"gateio": {
			Venue: "Gate.io", ManageURL: "https://www.gate.io/myaccount/apikeys",
			Navigate: "Profile → API Management: delete the key, then Create API Key",
			DocsURL:  "https://www.gate.io/help/guide/faq/17521/how-to-utilize-api",
			Note:     "A key with no IP bound is valid for 90 days.",
		},
		"gemini": {
			Venue: "Gemini", ManageURL: "https://exchange.gemini.com/settings/api",
			Navigate: "Account → Settings → API: Revoke the key, then Create a new API key",
			DocsURL:  "https://docs.gemini.com/rest-api/#private-api-invocation",
		},
		"htx": {
			Venue: "HTX (Huobi)", ManageURL: "https://www.htx.com/en-us/apikey/",
			Navigate: "Profile → API Management: Delete the key, then Create",
			DocsURL:  "https://www.htx.com/en-us/opend/newApiPages/",
			Note:     "A key with no IP bound expires after 90 days.",
		},
		"kraken": {
			Venue: "Kraken", ManageURL: "https://www.kraken.com/u/security/api",
			Navigate: "Your name (top right) → Security → API: delete the key, then Add key",
			DocsURL:  "https://support.kraken.com/hc/en-us/articles/360000919966-How-to-generate-an-API-key-pair-",
		},
		"kucoin": {
			Venue: "KuCoin", ManageURL: "https://www.kucoin.com/account/api",
			Navigate: "Avatar → API Management: Delete the key, then Create API",
			DocsURL:  "https://www.kucoin.com/support/360015102174",
			Note:     "Transfer (deposit and withdrawal) permission on a KuCoin key bypasses two-factor authentication and needs an IP whitelist.",
		},
		"mexc": {
			Venue: "MEXC", ManageURL: "https://www.mexc.com/user/openapi",
			Navigate: "Profile → API Management: Delete the key, then Create",
			DocsURL:  "https://mexcdevelop.github.io/apidocs/spot_v3_en/#introduction",
		},
		"okx": {
			Venue: "OKX", ManageURL: "https://www.okx.com/account/my-api",
			Navigate: "Profile → API (API and connections): Delete the key, then Create API key",
			DocsURL:  "https://www.okx.com/help/api-faq",
			Note:     "A new key can be linked to up to 20 IP addresses.",
		},
		"phemex": {
			Venue: "Phemex", ManageURL: "https://phemex.com/account/api-management",
			Navigate: "Account → API Management: Delete the key, then Create New API Key",
			DocsURL:  "https://github.com/phemex/phemex-api-docs/blob/master/Public-Contract-API-en.md#api-rest-request-header",
		},
		"poloniex": {
			Venue: "Poloniex", ManageURL: "https://poloniex.com/apikeys",
			Navigate: "Account → API Keys: Delete the key, then Create new key",
			DocsURL:  "https://api-docs.poloniex.com/spot/api/",
		},
		"upbit": {
			Venue: "Upbit", ManageURL: "https://upbit.com/mypage/open_api_management",
			Navigate: "My page → Open API management: delete the key, then issue a new one",
			DocsURL:  "https://docs-e.upbit.com/reference/open-api-key-list",
			Note:     "A key is valid for one year and cannot be extended; each key is bound to the IP addresses entered at issue.",
		},
		"woox": {
			Venue: "WOO X", ManageURL: "https://woox.io/en/account/subaccount",
			Navigate: "Account → Subaccounts and API: delete the key, then Create API",
			DocsURL:  "https://support.woox.io/hc/en-001/articles/4414281929625--Subaccount-Guidelines",
		},
	}
}
