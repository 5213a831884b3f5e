# WOO X v1 signature, example from the official docs
from bot.woox import sign_v1

WOO_API_KEY = "AbmyVJGUpN064ks5ELjLfA=="
WOO_API_SECRET = "QHKRXHPAW1MC9YGZMAT8YDJG2HPR"

def test_v1():
    params = "order_price=9000&order_quantity=0.11&order_type=LIMIT&side=BUY&symbol=SPOT_BTC_USDT"
    assert sign_v1(WOO_API_SECRET, params, 1578565539808) == "20da0852f73b20da0208c7e627975a59ff072379883d8457d03104651032033d"
