import bitstamp.client

trading_client = bitstamp.client.Trading(
    username="1048574",
    key="fuGnQcyMMtgMcLkSbjG3qPd0rczNm49h",
    secret="xvoVYiy5vSCTFt91pj6DNMrbXL7KETeS",
)
print(trading_client.account_balance())
