import os
import ccxt

exchange = ccxt.upbit({
    'apiKey': os.environ['UPBIT_OPEN_API_ACCESS_KEY'],
    'secret': os.getenv('UPBIT_OPEN_API_SECRET_KEY'),
})
print(exchange.fetch_balance()['total'])
