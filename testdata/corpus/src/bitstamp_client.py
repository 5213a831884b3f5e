import os
import ccxt

exchange = ccxt.bitstamp({
    'apiKey': os.environ['BITSTAMP_API_KEY'],
    'secret': os.getenv('BITSTAMP_API_SECRET'),
})
print(exchange.fetch_balance()['total'])
