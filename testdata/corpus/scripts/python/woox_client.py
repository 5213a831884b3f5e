import hashlib, hmac, time, requests

WOOX_API_KEY = "LumU6w27+f/xXT6p854PqA=="
WOOX_API_SECRET = "GS3I966QCJB26MESG2S15J56HNBF"

def get(path):
    ts = str(int(time.time() * 1000))
    sig = hmac.new(WOOX_API_SECRET.encode(), (ts + "GET" + path).encode(), hashlib.sha256).hexdigest()
    headers = {"x-api-key": WOOX_API_KEY, "x-api-signature": sig, "x-api-timestamp": ts}
    return requests.get("https://api.woox.io" + path, headers=headers).json()

print(get("/v3/account/info"))
