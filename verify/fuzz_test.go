package verify

// FuzzVerifierResponses feeds every verifier's response parser arbitrary
// replies: verifier All()[which % len] verifies a plausible credential
// against a test server that answers EVERY request (server time included)
// with status and data. Whatever the reply: no panic, a status of live,
// dead or indeterminate with a reason, a risk that is ComputeRisk's, a
// result that serialises into the JSON report, and never live for a body
// that is not JSON.
//
// go test ./verify/ -run '^$' -fuzz '^FuzzVerifierResponses$' -fuzztime 60s

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// fzCreds are plausible credentials per verifier: the shapes the rules
// find (base64 secrets where the exchange signs with decoded bytes).
var fzCreds = map[string]Credential{
	"binance":           {Key: "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf", Secret: "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"},
	"binance-us":        {Key: "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqEr2yMuHz7KcPj4SgDl9aBf", Secret: "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"},
	"coinbase":          {Key: "organizations/8c1f3a52-6d2e-4b7a-9f10-3e5d7c9a1b2c/apiKeys/5e8a2c41-7b3d-4f6e-8a9c-0d1e2f3a4b5c"},
	"coinbase-exchange": {Key: "3f8e2a1c9b7d4e6f0a5c8b2d1e9f7a3c", Secret: base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")), Passphrase: "k9w2mq7xzt"},
	"kraken":            {Key: "CJbfPw4tnbf/9en/ZmpewCTKEwmmzO18LXZcHQcu7HPLWre4l8+V9I3y", Secret: "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=="},
	"okx":               {Key: "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f", Secret: "7A1C3E5B9D2F4A6C8E0B1D3F5A7C9E2B", Passphrase: "Tr0ub4dor&3"},
	"bybit":             {Key: "Xk3mP9qL2wZc7vN4sD", Secret: "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI"},
	"kucoin":            {Key: "6a1e3c5b7d9f2a4c6e8b0d1f", Secret: "0b7e2c4a-6d8f-4a1c-9e3b-5d7f9a2c4e6b", Passphrase: "Ab12345678)(*&^%$#@"},
	"bitfinex":          {Key: "Qm7xT2pLw9ZcR4vN8sKd3FhJ6gYb1nAeU5oXiV0tWqE", Secret: "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4"},
	"gemini":            {Key: "account-Xk3mP9qL2wZc7vN4sDfG", Secret: "3zMq8LpX4wN9cV3bT6yH1jG5dS0"},
	"bitstamp":          {Key: "aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY", Secret: "Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"},
	"htx":               {Key: "7d393344-1qdmpe4rty-37def1b5-d10e3", Secret: "b0a1c2d3-c6e5f4a3-94b2c1d0-d9e8f"},
	"gateio":            {Key: "3f6c1e9a7b2d4c8e0a5f7b9d1c3e5a7b", Secret: "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b"},
	"mexc":              {Key: "mx0aBYs33eIilxBWC5", Secret: "45d0b3c26f2644f19bfb98b07741b2f6"},
	"bitget":            {Key: "bg_0a1b2c3d4e5f60718293a4b5c6d7e8f9", Secret: "7e1d9c3b5a7f2e4d6c8b0a1f3e5d7c9b2a4f6e8d0c1b3a5f7e9d2c4b6a8f0e1d", Passphrase: "Tr4d1ngB0t"},
	"cryptocom":         {Key: "Kq8mZ2xN5vB7cL1jH4gF9d", Secret: "Wp3sR6tY0uI2oE8aQ5zX7c"},
	"deribit":           {Key: "TiA4AyLPq3", Secret: "SjM57m1T2CfXZ4vZ76X1APjqRlJdtzHI8IwVXoQnfoN"},
	"bitmex":            {Key: "Xk3Pq9Lm2Tz7Rw4Nb8Vc1Hd6", Secret: "Qw7Er2Ty9Ui4Op1As6Df3Gh8Jk5Lz0Xc7Vb2Nm9Qa4Ws1Ed"},
	"woox":              {Key: "Zq8Rk2Lm5Np7Xt3Vb9Wc4A==", Secret: "K7M2Q9R4T6W1Y8Z3B5N0P2L4H6J8"},
	"bitmart":           {Key: "7f3c9a1e5b2d8f4a6c0e9b3d7a1f5c2e8b4d6a0f", Secret: "3e8a1c5f9b2d7e4a6c0f8b3d1e5a9c2f7b4d6e0a8c3f1b5d9e2a7c4f6b0d8e1a", Passphrase: "desk-memo-01"},
	"bitvavo":           {Key: "4b7e1a9c3f5d2e8b6a0c4f7e1d3b9a5c2e8f6d0b4a7c1e3f9b5d2a8c6e0f4b7e", Secret: strings.Repeat("9c2e5a8f1b4d7c0e", 8)},
	"poloniex":          {Key: "K7Q2M9XA-4TRB8N1C-Z6W3P5LD-9HJ2V7YE", Secret: strings.Repeat("4f9a2c7e1b8d3f6a", 8)},
	"upbit":             {Key: "Hq7Lm2Xv9Rt4Wb8Nc1Kd6Fg3Js5Pz0Ya7Ue2Io9T", Secret: "Bn4Vc7Xz1Lk9Jh3Gf6Ds8Ap2Qw5Er0Ty7Ui4Op1M"},
	"phemex":            {Key: "3f8b2c1a-7d4e-4a9b-b6c5-e2f1a0d9c8b7", Secret: "Xy7_Qz2-Lm9kPw4nRt6vBs1cJh8dFg3aZe5uYi0oTq2WmNx4Vb7Kc9Le1Hp3Jg6Sd8Fa0Qw2Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz"},
}

// fzDocumented are replies documented by the exchanges (the shapes the
// verifiers' own tests serve), by verifier: success first, then errors.
// KEY stands for the credential's key.
var fzDocumented = map[string][]struct {
	status int
	body   string
}{
	"binance": {
		{200, `{"ipRestrict":false,"createTime":1698645219000,"enableReading":true,"enableWithdrawals":true,"enableInternalTransfer":true,"enableMargin":false,"enableFutures":true,"permitsUniversalTransfer":true,"enableVanillaOptions":false,"enableFixApiTrade":false,"enableFixReadOnly":false,"enableSpotAndMarginTrading":true,"enablePortfolioMarginTrading":false,"tradingAuthorityExpirationTime":1710000000000}`},
		{401, `{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}`},
		{400, `{"code":-1022,"msg":"Signature for this request is not valid."}`},
		{401, `{"code":-2014,"msg":"API-key format invalid."}`},
		{400, `{"code":-2008,"msg":"Invalid Api-Key ID."}`},
		{200, `{"serverTime":1700000000000}`},
	},
	"binance-us": {
		{200, `{"makerCommission":10,"canTrade":true,"canWithdraw":false,"canDeposit":true,"balances":[]}`},
		{400, `{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}`},
	},
	"coinbase": {
		{200, `{"can_view":true,"can_trade":true,"can_transfer":true,"portfolio_uuid":"8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","portfolio_type":"DEFAULT"}`},
		{200, `{"iso":"2023-11-14T22:13:20Z","epochSeconds":"1700000000","epochMillis":"1700000000000"}`},
		{401, `{"error":"UNAUTHENTICATED","message":"unauthorized"}`},
		{403, `{"error":"PERMISSION_DENIED","message":"forbidden"}`},
	},
	"coinbase-exchange": {
		{200, `[{"id":"71452118-efc7-4cc4-8780-a5e22d4baa53","currency":"BTC","balance":"0.0000000000000000","available":"0","hold":"0.0000000000000000","profile_id":"75da88c5-05bf-4f54-bc85-5c775bd68254","trading_enabled":true}]`},
		{401, `{"message":"Invalid API Key"}`},
		{401, `{"message":"IP does not match IP whitelist"}`},
		{400, `{"message":"Invalid Passphrase"}`},
		{200, `{"iso":"2023-11-14T22:13:20.123Z","epoch":1700000000.123}`},
	},
	"kraken": {
		{200, `{"error":[],"result":{"apiKeyName":"bot-key","apiKey":"KEY","nonce":"1772627060997","nonceWindow":0,"permissions":["query-funds","query-open-trades","add-order","withdraw-funds"],"iban":"AA88 N84G WOAK NMOI","validUntil":"1900000000","queryFrom":"0","queryTo":"0","createdTime":"1772542900","modifiedTime":"1772543095","ipAllowlist":["203.0.113.0/24"],"lastUsed":"1772627061"}}`},
		{200, `{"error":["EAPI:Invalid key"]}`},
		{200, `{"error":["EAPI:Invalid nonce"]}`},
		{200, `{"error":["EGeneral:Permission denied"]}`},
	},
	"okx": {
		{200, `{"code":"0","msg":"","data":[{"acctLv":"2","label":"grid bot","uid":"44705892343619584","mainUid":"44705892343619584","ip":"203.0.113.9,198.51.100.0","perm":"read_only,trade,withdraw","type":"0"}]}`},
		{200, `{"code":"0","msg":"","data":[{"ts":"1700000000000"}]}`},
		{401, `{"msg":"Your IP 203.0.113.9 is not included in your API key's IP whitelist.","code":"50110"}`},
		{401, `{"msg":"API key doesn't exist","code":"50119"}`},
	},
	"bybit": {
		{200, `{"retCode":0,"retMsg":"","result":{"id":"13770661","note":"grid","apiKey":"KEY","readOnly":0,"secret":"","permissions":{"ContractTrade":["Order","Position"],"Spot":["SpotTrade"],"Wallet":["AccountTransfer","SubMemberTransfer"],"Options":[],"Derivatives":[],"CopyTrading":[],"BlockTrade":[],"Exchange":[],"NFT":[]},"ips":["*"],"type":1,"deadlineDay":66,"expiredAt":"2026-12-21T02:24:40Z","createdAt":"2022-10-16T02:24:40Z","unified":0,"uta":0,"userID":24617703,"isMaster":true,"parentUid":"0"},"retExtInfo":{},"time":1700000000000}`},
		{200, `{"retCode":0,"retMsg":"OK","result":{"timeSecond":"1700000000","timeNano":"1700000000000000000"},"retExtInfo":{},"time":1700000000000}`},
		{200, `{"retCode":10010,"retMsg":"Unmatched IP, please check your API key's bound IP addresses.","result":{},"retExtInfo":{},"time":1700000000000}`},
		{401, `{"retCode":10003,"retMsg":"API key is invalid.","result":{}}`},
	},
	"kucoin": {
		{200, `{"code":"200000","data":{"remark":"account1","apiKey":"KEY","apiVersion":2,"permission":"General,Spot,Futures,InnerTransfer,Transfer","ipWhitelist":"203.0.113.9","createdAt":1728443843000,"uid":165111215,"isMaster":true,"subName":""}}`},
		{200, `{"code":"200000","data":1700000000000}`},
		{401, `{"code":"400003","msg":"KC-API-KEY not exists"}`},
		{403, `{"code":"400006","msg":"Invalid request ip, the current clientIp is:203.0.113.9"}`},
	},
	"bitfinex": {
		{200, `[["account",0,0],["history",1,0],["orders",1,1],["positions",1,0],["funding",1,0],["settings",1,0],["wallets",1,1],["withdraw",0,1],["ui_withdraw",0,0],["bfxpay",0,0]]`},
		{500, `["error",10100,"apikey: invalid"]`},
		{500, `["error",10114,"nonce: small"]`},
	},
	"gemini": {
		{200, `{"counterparty_id":"YZ1KTUEX","isAuditor":false,"isFundManager":true,"isTrader":true}`},
		{400, `{"result":"error","reason":"InvalidSignature","message":"InvalidSignature"}`},
		{400, `{"result":"error","reason":"InvalidNonce","message":"Nonce must be increasing"}`},
		{400, `{"result":"error","reason":"MissingRole","message":"To access this endpoint, you need to log in to the website and go to the settings page to assign one of these roles [Auditor] to API key"}`},
	},
	"bitstamp": {
		{200, `[{"currency":"usd","total":"100.00","available":"90.00","reserved":"10.00"},{"currency":"btc","total":"0.50000000","available":"0.50000000","reserved":"0.00000000"}]`},
		{403, `{"status":"error","reason":"IP address not allowed","code":"API0006"}`},
		{403, `{"status":"error","reason":"API key not found","code":"API0001"}`},
		{400, `{"status":"error","reason":{"__all__":["Invalid nonce"]},"code":"API0004"}`},
	},
	"htx": {
		{200, `{"code":200,"message":"success","data":[{"accessKey":"KEY","note":"grid bot","permission":"readOnly,trade,withdraw","ipAddresses":"203.0.113.9","validDays":-1,"status":"normal","createTime":1591348751000,"updateTime":1591348751000}]}`},
		{200, `{"code":200,"data":61234567}`},
		{200, `{"status":"ok","data":1700000000000}`},
		{200, `{"status":"error","err-code":"api-signature-not-valid","err-msg":"Signature not valid: Incorrect Access key [Access key错误]","data":null}`},
		{200, `{"status":"error","err-code":"api-signature-not-valid","err-msg":"Signature not valid: ip地址错误","data":null}`},
	},
	"gateio": {
		{200, `{"user_id":1667201533,"ip_whitelist":["127.0.0.1","10.0.0.0/8"],"currency_pairs":["BTC_USDT"],"key":{"mode":1},"tier":2,"copy_trading_role":0}`},
		{200, `{"server_time":1700000000000}`},
		{401, `{"label":"INVALID_KEY","message":"Invalid key provided"}`},
		{403, `{"label":"IP_FORBIDDEN","message":"Request IP not in whitelist: 203.0.113.9"}`},
	},
	"mexc": {
		{200, `{"makerCommission":null,"takerCommission":null,"buyerCommission":null,"sellerCommission":null,"canTrade":true,"canWithdraw":true,"canDeposit":true,"updateTime":null,"accountType":"SPOT","balances":[{"asset":"USDT","free":"10.5","locked":"0"}],"permissions":["SPOT"]}`},
		{400, `{"code":10072,"msg":"Api key info invalid"}`},
		{400, `{"code":700006,"msg":"IP [203.0.113.9] not in the ip white list"}`},
	},
	"bitget": {
		{200, `{"code":"00000","msg":"success","requestTime":1695808949356,"data":{"userId":"6587623741","inviterId":"1","ips":"203.0.113.9","authorities":["stor","spot_trade","wallet_transfer","withdraw"],"parentId":6587623741,"traderType":"not_trader","channelCode":"XXX","channel":"YYY","regisTime":"1246566789345"}}`},
		{200, `{"code":"00000","msg":"success","requestTime":1695808949356,"data":{"serverTime":"1695808949356"}}`},
		{400, `{"code":"40037","msg":"Apikey does not exist","requestTime":1695808949356,"data":null}`},
		{400, `{"code":"40018","msg":"Invalid IP","requestTime":1695808949356,"data":null}`},
	},
	"cryptocom": {
		{200, `{"id":1,"method":"private/user-balance","code":0,"result":{"data":[{"total_available_balance":"4721.05898582","total_margin_balance":"7595.42571782","total_initial_margin":"2874.36673202","total_maintenance_margin":"1932.80399233","position_balances":[]}]}}`},
		{401, `{"id":1,"method":"private/user-balance","code":40101,"message":"Authentication failure"}`},
		{401, `{"id":1,"method":"private/user-balance","code":40103,"message":"IP address not whitelisted"}`},
	},
	"deribit": {
		{200, `{"jsonrpc":"2.0","result":{"access_token":"1582628593469.1MbQ-J_4.CBP","expires_in":31536000,"refresh_token":"1582628593469.1GP4rQd0.A9W","scope":"account:read trade:read_write wallet:read_write mainaccount","token_type":"bearer"},"usIn":1576074319000123,"usOut":1576074319000456,"usDiff":333,"testnet":false}`},
		{200, `{"jsonrpc":"2.0","result":1700000000000,"testnet":false}`},
		{400, `{"jsonrpc":"2.0","error":{"message":"invalid_credentials","code":13004}}`},
		{400, `{"jsonrpc":"2.0","error":{"message":"forbidden","code":13021,"data":{"reason":"ip_not_allowed"}}}`},
	},
	"bitmex": {
		{200, `[{"id":"OtherKey0000000000000000","name":"bot","nonce":0,"cidr":"0.0.0.0/0","cidrs":["0.0.0.0/0"],"permissions":["order","withdraw"],"enabled":true,"userId":42,"created":"2024-01-02T03:04:05.000Z"},{"id":"KEY","name":"leaked","nonce":0,"cidr":"203.0.113.7/32","cidrs":["203.0.113.7/32"],"permissions":["order"],"enabled":true,"userId":42,"created":"2024-01-02T03:04:05.000Z"}]`},
		{200, `{"id":42,"username":"someone","isUser":true}`},
		{401, `{"error":{"message":"Invalid API Key.","name":"HTTPError"}}`},
		{401, `{"error":{"message":"Signature not valid.","name":"HTTPError"}}`},
	},
	"woox": {
		{200, `{"success":true,"data":{"rows":[{"accountName":"Main","userId":12523,"apiKey":"KEY","permissions":["READ","TRADE","WITHDRAWAL"],"allowedIps":["123.0.0.1","124.2.1.1"]}]},"timestamp":1}`},
		{200, `{"success":true,"data":{"status":0,"msg":"System is functioning properly.","estimatedEndTime":1749963600362},"timestamp":1700000000000}`},
		{401, `{"success":false,"code":-1002,"message":"API key or secret is invalid, it may because key have insufficient permission or the key is expired/revoked."}`},
	},
	"bitmart": {
		{200, `{"message":"OK","code":1000,"trace":"ef834248-51d3-4223-9481-f862aa9dd39f","data":{"wallet":[{"currency":"USDT","name":"Tether USD","available":"1000.00000000","frozen":"0.00000000"}]}}`},
		{200, `{"code":1000,"trace":"c4e5e5b7","message":"OK","data":{"server_time":1700000000000}}`},
		{401, `{"code":30002,"trace":"x","message":"Header X-BM-KEY not found","data":{}}`},
		{403, `{"code":30010,"trace":"x","message":"IP is forbidden. We recommend enabling IP whitelist for API trading.","data":{}}`},
	},
	"bitvavo": {
		{200, `{"fees":{"tier":0,"volume":"10000.00","maker":"0.0015","taker":"0.0025"},"capabilities":["buy","sell","depositCrypto","depositFiat","withdrawCrypto","withdrawFiat"]}`},
		{200, `{"time":1700000000000}`},
		{403, `{"errorCode":307,"error":"This key does not allow access from this IP."}`},
		{403, `{"errorCode":305,"error":"No active API key found."}`},
	},
	"poloniex": {
		{200, `[{"accountId":"1252712634839224320","accountType":"SPOT","accountState":"NORMAL"}]`},
		{200, `{"serverTime":1700000000000}`},
		{401, `{"code":"FORBIDDEN","message":"Invalid API key/secret pair."}`},
	},
	"upbit": {
		{200, `[{"currency":"KRW","balance":"1000000.0","locked":"0.0","avg_buy_price":"0","avg_buy_price_modified":false,"unit_currency":"KRW"}]`},
		{200, `[{"access_key":"KEY","expire_at":"2027-03-08T15:03:00+09:00"}]`},
		{401, `{"error":{"name":"invalid_access_key","message":"잘못된 엑세스 키입니다."}}`},
		{401, `{"error":{"name":"no_authorization_i_p","message":"This is not a verified IP."}}`},
	},
	"phemex": {
		{200, `{"code":0,"msg":"","data":[{"currency":"BTC","balanceEv":0,"lockedTradingBalanceEv":0,"lockedWithdrawEv":0,"lastUpdateTimeNs":0}]}`},
		{401, `{"code":10500,"msg":"Failed to find api-key 3f8b2c1a"}`},
		{401, `{"code":401,"msg":"Request IP mismatch."}`},
	},
}

// fzEdgeReplies are served to every verifier: empty and odd JSON,
// non-JSON text that names a documented error, HTML, truncation, numbers
// at the limits, and statuses with no body.
var fzEdgeReplies = []struct {
	status int
	body   string
}{
	{200, ``},
	{200, `null`},
	{200, `{}`},
	{200, `[]`},
	{200, `"ok"`},
	{200, `true`},
	{200, `{"code":0,"data":null,"result":null,"error":null}`},
	{200, `{"code":"0","data":[{}],"result":{},"success":true}`},
	{200, `{"serverTime":9223372036854775807,"epochMillis":"9223372036854775807","server_time":9223372036854775807,"time":-9223372036854775808,"data":1e308,"result":-1}`},
	{200, `{"tradingAuthorityExpirationTime":9223372036854775807,"enableReading":true,"expiredAt":"9999-12-31T23:59:59Z","validUntil":"99999999999999","expire_at":"10000-01-01T00:00:00Z"}`},
	{200, `{"createTime":9223372036854775807,"createdAt":"99999-01-01T00:00:00Z","createdTime":"99999999999999","created":"-0001-01-01T00:00:00Z"}`},
	{200, `{"data":{"permissions":"read_only"`},
	{200, `{"a":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`},
	{200, "\xef\xbb\xbf{}"},
	{200, "{\"msg\":\"\xff\xfe\"}"},
	{200, `<html><body>Access denied</body></html>`},
	{403, ` <!doctype html><title>Just a moment...</title>`},
	{401, `Invalid API key`},
	{401, `IP address not allowed`},
	{403, `IP does not match IP whitelist`},
	{400, `invalid signature`},
	{401, `Request IP mismatch.`},
	{200, `OK`},
	{100, `{}`},
	{101, `{}`},
	{204, `{}`},
	{304, ``},
	{418, `{}`},
	{429, `{"code":-1003,"msg":"Too many requests"}`},
	{500, `{"code":-1000,"msg":"An unknown error occurred"}`},
	{502, `bad gateway`},
	{503, `{"result":"error","reason":"Maintenance","message":"The system is down for maintenance"}`},
	{599, `{}`},
}

// fzServer answers every request with the current reply.
type fzServer struct {
	mu     sync.Mutex
	status int
	body   []byte
}

func (s *fzServer) set(status int, body []byte) {
	s.mu.Lock()
	s.status, s.body = status, body
	s.mu.Unlock()
}

func (s *fzServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	status, body := s.status, s.body
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// fzPEM is a fresh EC P-256 private key in PEM, for the Coinbase CDP key.
func fzPEM(f *testing.F) string {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		f.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
}

func FuzzVerifierResponses(f *testing.F) {
	all := All()
	if len(all) > 256 {
		f.Fatalf("%d verifiers: which (uint8) cannot reach them all", len(all))
	}
	srv := &fzServer{status: 200}
	ts := httptest.NewServer(srv)
	f.Cleanup(ts.Close)

	privPEM := fzPEM(f)
	engines := make([]*Engine, len(all))
	creds := make([]Credential, len(all))
	index := map[string]uint8{}
	for i, v := range all {
		name := v.Spec().Name
		c, ok := fzCreds[name]
		if !ok {
			// A new verifier: a generic credential until it gets its own.
			c = Credential{Key: "Xk3mP9qL2wZc7vN4sDfG7hJ9", Secret: base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))}
		}
		c.Exchange = name
		if c.Secret == "" {
			c.Secret = "R8fK2mQz7LpX4wN9cV3bT6yH1jG5dS0aE8uI2oP7kM4nB9vC6xZ3qW5eR1tY8uIo"
		}
		if c.Passphrase == "" {
			c.Passphrase = "Tr4d1ngB0t-pass"
		}
		c.PrivateKey = privPEM
		creds[i] = c
		e, err := NewEngine([]Verifier{v}, Options{
			Endpoints: map[string]string{name: ts.URL},
			Timeout:   2 * time.Second,
			Retries:   -1,
			Backoff:   time.Millisecond,
		})
		if err != nil {
			f.Fatal(err)
		}
		// No rate limit against the local server: the fuzzer calls
		// thousands of times a second.
		e.callers[name].limiter = rate.NewLimiter(rate.Inf, 1)
		engines[i] = e
		index[name] = uint8(i)
	}

	for name, replies := range fzDocumented {
		i, ok := index[name]
		if !ok {
			f.Fatalf("documented replies for unknown verifier %q", name)
		}
		for _, r := range replies {
			f.Add([]byte(strings.ReplaceAll(r.body, "KEY", creds[i].Key)), r.status, i)
		}
	}
	for i := range all {
		for _, r := range fzEdgeReplies {
			f.Add([]byte(r.body), r.status, uint8(i))
		}
	}

	f.Fuzz(func(t *testing.T, data []byte, status int, which uint8) {
		i := int(which) % len(all)
		status = min(max(status, 100), 599)
		e, c := engines[i], creds[i]
		e.mu.Lock()
		clear(e.cache) // verify for real every time
		e.mu.Unlock()
		srv.set(status, data)

		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		r := e.Verify(ctx, c)

		switch r.Status {
		case Live, Dead, Indeterminate:
		default:
			t.Fatalf("%s: status %q (HTTP %d, body %q)", c.Exchange, r.Status, status, data)
		}
		if strings.TrimSpace(r.Reason) == "" {
			t.Fatalf("%s: %s without a reason (HTTP %d, body %q)", c.Exchange, r.Status, status, data)
		}
		if want := r.ComputeRisk(); r.Risk != want {
			t.Fatalf("%s: risk %s, ComputeRisk says %s (%+v)", c.Exchange, r.Risk, want, r)
		}
		if r.Exchange != c.Exchange || r.Endpoint == "" || !r.Overridden {
			t.Fatalf("%s: exchange %q, endpoint %q, overridden %v", c.Exchange, r.Exchange, r.Endpoint, r.Overridden)
		}
		if r.Status == Live && !json.Valid(data) {
			t.Fatalf("%s: live from a reply that is not JSON (HTTP %d, body %q): %s", c.Exchange, status, data, r.Reason)
		}
		// The result goes into the JSON report as is.
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("%s: the result does not serialise (HTTP %d, body %q): %v", c.Exchange, status, data, err)
		}
	})
}
