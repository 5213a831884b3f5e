import os
import ccxt

exchange = ccxt.bitmart({
    'apiKey': os.environ['BITMART_API_KEY'],
    'secret': os.getenv('BITMART_SECRET_KEY'),
    'password': os.environ.get('BITMART_MEMO'),
})
print(exchange.fetch_balance()['total'])
