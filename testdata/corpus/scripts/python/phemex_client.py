import hmac, hashlib, time, requests

PHEMEX_API_KEY = "0ddca617-a36a-4e58-a700-b7bdba7fbf9e"
PHEMEX_API_SECRET = "6CspcNcekL_2oFirSeRabvjLhOfJx7KtD48CBRtXikCjsjvj2JDtBlDSQyqRGbiFjBoHuwr3IfNKt-kvTIsUow"

def signed_get(path, query=""):
    expiry = str(int(time.time()) + 60)
    sig = hmac.new(PHEMEX_API_SECRET.encode(), (path + query + expiry).encode(), hashlib.sha256).hexdigest()
    headers = {"x-phemex-access-token": PHEMEX_API_KEY, "x-phemex-request-expiry": expiry,
               "x-phemex-request-signature": sig}
    return requests.get("https://api.phemex.com" + path + ("?" + query if query else ""), headers=headers).json()

print(signed_get("/spot/wallets", "currency=BTC"))
