import bitstamp.client

trading_client = bitstamp.client.Trading(
    username="704213",
    key="bFmgE4eJc27Gs8ixAe0XSTw8o1gxZ6ci",
    secret="ZDLfCebtPhpf9lNDiOlXm6m97RCjDigz",
)

print(trading_client.account_balance()["fee"])
for tx in trading_client.user_transactions():
    print(tx["datetime"], tx["type"], tx.get("btc"))
