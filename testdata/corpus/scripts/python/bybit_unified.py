from pybit.unified_trading import HTTP

session = HTTP(
    testnet=False,
    api_key="N0WSStFsEeNfQsKUM4",
    api_secret="Dd3ygIyrYykmCFfNzj2rTNzrZzekJ691xuMT",
)
print(session.get_wallet_balance(accountType="UNIFIED"))
