from binance.client import Client
from binance.enums import SIDE_BUY, ORDER_TYPE_MARKET

client = Client(api_key="6Qav7zQJl0GujPDzAkKoaK3xt4AfG9wSEG5FFqYpwJTA0k2pvS2YFRvHPJqcqXfs",
                api_secret="u2JEoMJ7cmLGd9OAdszu5bJxK022obSsrejqI3gI5TuntShKapeolGQk8OxOdg4t")

def buy(symbol, quote_qty):
    return client.create_order(symbol=symbol, side=SIDE_BUY, type=ORDER_TYPE_MARKET, quoteOrderQty=quote_qty)
