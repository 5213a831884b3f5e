import time
from binance.client import Client

# weekly DCA into BTC on Binance.US
client = Client("uaV6s69Z0kUV7dA75sM2hspeXT5yi9QP2bhL4MWzbBBilELTl54QIxYMPkMf0zZc", "k4kQwOQVOcwzV1nCPAWpACBeAdzPcYCMNjHfAepkZgBJLmW4TTXYXwqMCiY4za9S", tld="us")

AMOUNT_USD = 25


def buy():
    order = client.order_market_buy(symbol="BTCUSD", quoteOrderQty=AMOUNT_USD)
    print(order["orderId"], order["executedQty"])


while True:
    buy()
    time.sleep(7 * 24 * 3600)
