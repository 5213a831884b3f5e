import os
import ccxt

exchange = ccxt.mexc({
    'apiKey': os.environ['MEXC_API_KEY'],
    'secret': os.getenv('MEXC_SECRET_KEY'),
})
print(exchange.fetch_balance()['total'])
