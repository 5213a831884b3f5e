"""Linear grid runner: one pybit unified-trading session, a fixed ladder."""
from pybit.unified_trading import HTTP

session = HTTP(
    testnet=False,
    api_key="TeQYwuRrLHFlfh8bV1",
    api_secret="NQ6onQRZAlLxUQLSjwOq7Hbku9mY2G9AHDXn",
    recv_window=10000,
)


def ladder(symbol="BTCUSDT", step=25.0, levels=8, qty="0.001"):
    last = float(session.get_tickers(category="linear", symbol=symbol)["result"]["list"][0]["lastPrice"])
    for i in range(1, levels + 1):
        session.place_order(category="linear", symbol=symbol, side="Buy", orderType="Limit",
                            qty=qty, price=str(round(last - i * step, 1)))


if __name__ == "__main__":
    ladder()
