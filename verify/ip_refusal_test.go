package verify

import (
	"net/http"
	"testing"
)

// TestIPRefusalReadFromMessage: exchanges refuse a caller's IP in two
// forms, a dedicated code or label (Gate IP_FORBIDDEN, OKX 50110, …) and a
// generic one whose message names the IP (Gate's FORBIDDEN "Request IP not
// in whitelist: …"). Each case sends the venue's own IP-refusal message
// (from its documentation or from what its users report) under a code the
// verifier does not map to an IP refusal: the message alone must make the
// key live and IP-restricted.
func TestIPRefusalReadFromMessage(t *testing.T) {
	cases := []struct {
		v       Verifier
		cred    Credential
		handler http.HandlerFunc
	}{
		{GateIO{}, gateioCred, jsonHandler(403, `{"label":"FORBIDDEN","message":"Request IP not in whitelist: 203.0.113.9"}`)},
		{OKX{}, okxCred, jsonHandler(401, `{"code":"50199","msg":"Your IP 203.0.113.9 is not included in your API key's IP whitelist.","data":[]}`)},
		{Bybit{}, bybitCred, jsonHandler(200, `{"retCode":10099,"retMsg":"Unmatched IP, please check your API key's bound IP addresses.","result":{}}`)},
		{KuCoin{}, kucoinCred, jsonHandler(400, `{"code":"400099","msg":"Invalid request ip, the current clientIp is:203.0.113.9"}`)},
		{MEXC{}, mexcCred, jsonHandler(403, `{"code":403,"msg":"IP [203.0.113.9] not in the ip white list"}`)},
		{Bitget{}, bitgetCred, jsonHandler(400, `{"code":"40099","msg":"Invalid IP","requestTime":1700000000000,"data":null}`)},
		{CryptoCom{}, cryptocomCred, jsonHandler(401, `{"id":1,"method":"private/user-balance","code":40199,"message":"IP_ILLEGAL"}`)},
		{BitMart{}, bitmartCred, jsonHandler(403, `{"code":30099,"message":"IP is forbidden. We recommend enabling IP whitelist for API trading."}`)},
		{Bitvavo{}, bitvavoCred, jsonHandler(403, `{"errorCode":399,"error":"This key does not allow access from this IP."}`)},
		{Upbit{}, upbitCred, jsonHandler(401, `{"error":{"name":"unauthorized_ip","message":"This is not a verified IP."}}`)},
	}
	for _, tc := range cases {
		t.Run(tc.v.Spec().Name, func(t *testing.T) {
			runCases(t, tc.v, tc.cred, []verifyCase{{name: "message form", handler: tc.handler,
				status: Live, risk: RiskMedium, ip: Yes, keyExists: Yes}})
		})
	}
}

// TestIPRefusalText: which messages blame the caller's IP. Binance's
// -2015 text lists the IP among other causes and must not count.
func TestIPRefusalText(t *testing.T) {
	for _, s := range []string{
		"Request IP not in whitelist: 203.0.113.9",
		"IP [203.0.113.9] not in the ip white list",
		"IP non white list",
		"Your IP 203.0.113.9 is not included in your API key's IP whitelist.",
		"Unmatched IP, please check your API key's bound IP addresses.",
		"Invalid request ip, the current clientIp is:203.0.113.9",
		"Invalid IP",
		"IP_ILLEGAL",
		"IP is forbidden. We recommend enabling IP whitelist for API trading.",
		"This key does not allow access from this IP.",
		"This is not a verified IP.",
		"IP address not allowed",
		"IP does not match IP whitelist",
		"Request IP mismatch.",
		"api-key-ip-invalid",
		"ip_not_allowed",
		"IP地址不在白名单",
	} {
		if !ipRefused(s) {
			t.Errorf("%q is an IP refusal", s)
		}
	}
	for _, s := range []string{
		"Invalid API-key, IP, or permissions for action.",
		"Invalid API-key, IP, or permissions for action, request ip: 203.0.113.9",
		"Signature for this request is not valid.",
		"Api key info invalid",
		"No permission",
		"apikey: invalid",
		"Invalid signature",
		"",
	} {
		if ipRefused(s) {
			t.Errorf("%q is not an IP refusal", s)
		}
	}
}
