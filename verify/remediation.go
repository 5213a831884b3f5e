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
// documentation are the exchanges' own.
//
// Checked against the exchanges' help centres and API documentation
// (2026-12): binance, bitfinex, bybit (navigation), coinbase, deribit,
// gateio, kraken, kucoin, okx, upbit, woox, bitvavo.
//
// Checked in a second pass (2026-12, by searching the exchanges' own
// help centres and API documentation; each entry's comment says what was
// seen and what was not): binance-us, bitget, bitmart, bitmex, bitstamp,
// coinbase-exchange, cryptocom, gemini, htx, mexc, phemex, poloniex.
// Where an exchange's own page for a URL was not found, the entry says
// "unconfirmed" and keeps the URL it had, which should be re-checked
// before it is relied on; no URL here was made up to fill a gap.
func remediations() map[string]Remediation {
	return map[string]Remediation{
		"binance": {
			Venue: "Binance", ManageURL: "https://www.binance.com/en/my/settings/api-management",
			Navigate: "Profile → Account → API Management: Delete the key, then Create API",
			DocsURL:  "https://www.binance.com/en/support/faq/how-to-create-api-keys-on-binance-360002502072",
			Note:     "Binance requires an IP access restriction before withdrawals can be enabled; a key that trades needs no withdrawal permission.",
		},
		// binance-us: Binance.US's help centre (intercom.help/binance-us)
		// confirms the API Management page, deleting unused keys and its
		// advice to re-create keys every 90 days; the ManageURL path itself
		// is unconfirmed (Binance.US names the page, not its address).
		"binance-us": {
			Venue: "Binance.US", ManageURL: "https://www.binance.us/settings/api-management",
			Navigate: "Profile → API Management: Delete the key, then Create API",
			DocsURL:  "https://intercom.help/binance-us/en/articles/9842812-binance-us-api-keys-best-practices-safety-tips",
			Note:     "Binance.US advises deleting unused keys and considering new keys every 90 days.",
		},
		"bitfinex": {
			Venue: "Bitfinex", ManageURL: "https://setting.bitfinex.com/api",
			Navigate: "Account → API → My API Keys: Revoke; then Create New Key",
			DocsURL:  "https://support.bitfinex.com/hc/en-us/articles/115003363429-How-to-create-and-revoke-a-Bitfinex-API-Key",
			Note:     "A new key can be limited to up to 20 IP addresses (IP Access restrictions).",
		},
		// bitget: Bitget's support article on RSA keys
		// (bitget.com/support/articles/12560603795900) confirms the path:
		// the profile icon's menu → API → Create API. The ManageURL path and
		// the DocsURL quick-start page are unconfirmed (not found in the
		// searched copies of Bitget's pages).
		"bitget": {
			Venue: "Bitget", ManageURL: "https://www.bitget.com/account/newapi",
			Navigate: "Profile icon → API: Delete the key, then Create API",
			DocsURL:  "https://www.bitget.com/api-doc/common/quick-start",
		},
		// bitmart: changed. BitMart's API FAQ
		// (developer-pro.bitmart.com/en/part1/question/apikey.html) gives
		// https://www.bitmart.com/api as the page where keys are applied
		// for; its support article 17855610619803 shows Account → API
		// Management → create, and says a lost secret means a new key. The
		// old "/api-config/en-US" page and "#api-key-create" anchor were
		// not found.
		"bitmart": {
			Venue: "BitMart", ManageURL: "https://www.bitmart.com/api",
			Navigate: "Account → API Management: Delete the key, then create a new one",
			DocsURL:  "https://support.bitmart.com/hc/en-us/articles/17855610619803-API-Key-Creation-and-Broker-Trading-Guide",
			Note:     "A key is three values: access key, secret and the memo you chose; all three change with the new key.",
		},
		// bitmex: DocsURL confirmed (BitMEX's "Using API Keys" page, which
		// links logged-in users to the page that manages their keys and
		// lists the order, orderCancel and withdraw permissions); the
		// ManageURL is that link's usual target but its address was not
		// seen in the searched copies (unconfirmed). BitMEX's field
		// definitions for /apiKey (support.bitmex.com article 6205606449309)
		// confirm cidr and cidrs (several addresses).
		"bitmex": {
			Venue: "BitMEX", ManageURL: "https://www.bitmex.com/app/apiKeys",
			Navigate: "Account → API Keys: Delete the key, then Create API Key",
			DocsURL:  "https://www.bitmex.com/app/apiKeysUsage",
			Note:     "A new key can be limited to CIDR ranges; orderCancel (cancel only) or no permission at all suits a monitoring key.",
		},
		// bitstamp: unconfirmed from Bitstamp's own help pages (none
		// found). Exchange-integration guides agree on Account → Security →
		// API Access → New API Key, then Activate and confirm by e-mail;
		// the navigation follows them. The ManageURL path is unconfirmed;
		// the DocsURL is Bitstamp's API reference (authentication section),
		// not a key-management guide.
		"bitstamp": {
			Venue: "Bitstamp", ManageURL: "https://www.bitstamp.net/account/security/api/",
			Navigate: "Account → Security → API Access: Delete the key, then New API Key (and activate it from the confirmation e-mail)",
			DocsURL:  "https://www.bitstamp.net/api/#section/Authentication",
			Note:     "A new key works only after it is activated from Bitstamp's confirmation e-mail.",
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
		// coinbase-exchange: Coinbase Exchange's docs (Exchange Profiles,
		// seen in a copy of the Exchange documentation) confirm that keys
		// are created on the Coinbase Exchange website and that a key is
		// scoped to one profile. The ManageURL path and the rest-auth
		// DocsURL are unconfirmed (not found in the searched copies).
		"coinbase-exchange": {
			Venue: "Coinbase Exchange", ManageURL: "https://exchange.coinbase.com/profile/api",
			Navigate: "Profile → API: Delete the key, then New API Key",
			DocsURL:  "https://docs.cdp.coinbase.com/exchange/docs/rest-auth",
			Note:     "A key is scoped to one profile (portfolio); re-issue one per profile that needs it.",
		},
		// cryptocom: changed. Crypto.com's help centre article 3511410
		// ("How do I create an API key?") confirms Profile → Settings → API
		// Keys → Create a new API key, and that changing a key's
		// restrictions means creating a new key; it is now the DocsURL (the
		// old "#generating-the-api-key" anchor was not found). The
		// ManageURL path is unconfirmed.
		"cryptocom": {
			Venue: "Crypto.com Exchange", ManageURL: "https://crypto.com/exchange/user/settings/api-management",
			Navigate: "Profile (top right) → Settings → API Keys: Delete the key, then Create a new API key",
			DocsURL:  "https://help.crypto.com/en/articles/3511410-how-do-i-create-an-api-key",
			Note:     "IP restrictions cannot be changed on an existing key: set them when the new key is created.",
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
		// gemini: changed. Gemini's API docs (docs.gemini.com/roles)
		// confirm that keys and their roles are managed under API Settings
		// on the exchange website and that a new key gets the Trader role
		// by default; that page is now the DocsURL (the old
		// "#private-api-invocation" anchor was not found). Gemini's support
		// article 360055623512 confirms choosing the key's scope first. The
		// ManageURL path and the "Revoke" wording are unconfirmed.
		"gemini": {
			Venue: "Gemini", ManageURL: "https://exchange.gemini.com/settings/api",
			Navigate: "Account → Settings → API: Revoke the key, then Create a new API key",
			DocsURL:  "https://docs.gemini.com/roles",
			Note:     "A new key gets the Trader role by default: a read-only key needs Auditor only, and only a key that moves funds needs Fund Manager.",
		},
		// htx: note changed. HTX's API changelog (huobiapi.github.io,
		// 2022-06-14) replaced "a key with no IP bound is valid for 90 days"
		// with: a read-only key with no IP bound never expires; one with
		// trade or withdraw permission and no IP bound lapses after 90 days
		// without use. The API-management page was seen at
		// www.huobi.com/vi-vi/apikey/ (HTX's former domain), listing each
		// key's creation time, permissions, bound IPs and remaining
		// validity; the htx.com/en-us form of the ManageURL is
		// unconfirmed. The DocsURL is HTX's API documentation as exchange
		// guides give it, not seen on HTX's own pages here (unconfirmed).
		"htx": {
			Venue: "HTX (Huobi)", ManageURL: "https://www.htx.com/en-us/apikey/",
			Navigate: "Account icon → API Management: Delete the key, then Create",
			DocsURL:  "https://www.htx.com/en-us/opend/newApiPages/",
			Note:     "A key with trade or withdraw permission and no IP bound lapses after 90 days without use; a read-only key with no IP bound does not expire. Bind IPs to the new key.",
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
		// mexc: unconfirmed. No MEXC help-centre page was found; guides
		// agree on the avatar menu → API Management → Create API Key. The
		// ManageURL path is unconfirmed; the DocsURL is MEXC's spot v3 API
		// documentation, not a key-management guide.
		"mexc": {
			Venue: "MEXC", ManageURL: "https://www.mexc.com/user/openapi",
			Navigate: "Avatar (top right) → API Management: Delete the key, then Create API Key",
			DocsURL:  "https://mexcdevelop.github.io/apidocs/spot_v3_en/#introduction",
		},
		"okx": {
			Venue: "OKX", ManageURL: "https://www.okx.com/account/my-api",
			Navigate: "Profile → API (API and connections): Delete the key, then Create API key",
			DocsURL:  "https://www.okx.com/help/api-faq",
			Note:     "A new key can be linked to up to 20 IP addresses.",
		},
		// phemex: ManageURL confirmed by Phemex's help centre
		// (phemex.com/help-center/how-to-share-api-keys-from-Main-to-Sub),
		// which also says a key shared to sub-accounts shares its secret.
		// The DocsURL is Phemex's API reference (request headers), not a
		// key-management guide; a Phemex guide to deleting keys was not
		// found (unconfirmed).
		"phemex": {
			Venue: "Phemex", ManageURL: "https://phemex.com/account/api-management",
			Navigate: "Account → API Management: Delete the key, then Create New API Key",
			DocsURL:  "https://github.com/phemex/phemex-api-docs/blob/master/Public-Contract-API-en.md#api-rest-request-header",
			Note:     "A key shared to sub-accounts shares the same secret: delete the shared copies too.",
		},
		// poloniex: unconfirmed from Poloniex's help pages (none found).
		// Poloniex's former API docs ("Getting Started") say to disable a
		// key suspected of compromise and generate a new one, that
		// withdrawals are off by default per key and IP restriction is
		// recommended. Exchange-integration guides give the page as
		// poloniex.com/apiKeys (Settings → API Keys, Create New Key
		// confirmed by e-mail); the ManageURL follows them (unconfirmed).
		"poloniex": {
			Venue: "Poloniex", ManageURL: "https://poloniex.com/apiKeys",
			Navigate: "Settings → API Keys: Delete the key, then Create New Key (confirmed by e-mail)",
			DocsURL:  "https://api-docs.poloniex.com/spot/api/",
			Note:     "Withdrawals are off by default on a new key; restrict it to trusted IPs.",
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
