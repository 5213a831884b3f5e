from os import environ
from pybit.unified_trading import HTTP

# docs: https://bybit-exchange.github.io/docs/v5/guide
session = HTTP(testnet=True, api_key="xxxxxxxxxxxxxxxxxx", api_secret="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
live = HTTP(testnet=False, api_key=environ["BYBIT_API_KEY"], api_secret=environ["BYBIT_API_SECRET"])
order = live.place_order(category="spot", symbol="BTCUSDT", side="Buy", orderType="Market", qty="0.1",
                         orderLinkId="spot-test-postonly-0001")
print(order["result"]["orderId"])
