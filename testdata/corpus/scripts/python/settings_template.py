# Copy to settings.py and fill in.
BINANCE_API_KEY = ""        # 64 characters
BINANCE_API_SECRET = ""     # 64 characters
KUCOIN_API_KEY = "<kucoin key>"
KUCOIN_API_SECRET = "<kucoin secret>"
KUCOIN_API_PASSPHRASE = "<kucoin passphrase>"
DERIBIT_CLIENT_ID = "your-client-id"
DERIBIT_CLIENT_SECRET = "your-client-secret"
