import os
import ccxt

exchange = ccxt.kucoin({
    'apiKey': os.environ['KUCOIN_API_KEY'],
    'secret': os.getenv('KUCOIN_API_SECRET'),
    'password': os.environ.get('KUCOIN_API_PASSPHRASE'),
})
print(exchange.fetch_balance()['total'])
