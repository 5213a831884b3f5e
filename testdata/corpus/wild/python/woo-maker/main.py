from wootrade import Client

API = "r4A1BlBSW5qg4Nq1tQGyVg=="
SECRET = "7XHBF1L4BTECWLCVQJELO0ZR5K14"
APPLICATION_ID = "5d2b7a9e-1c3f-4e8a-9b6d-0f1e2a3b4c5d"

client = Client(API, SECRET, APPLICATION_ID, testnet=False)
print(client.get_exchange_info(symbol="SPOT_BTC_USDT"))
