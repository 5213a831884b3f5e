BASE_URL = "https://testnet.bitmex.com/api/v1/"
API_KEY = ""
API_SECRET = ""
ORDERID_PREFIX = "mm_bitmex_"
