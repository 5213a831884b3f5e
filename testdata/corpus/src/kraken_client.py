import os
import ccxt

exchange = ccxt.kraken({
    'apiKey': os.environ['KRAKEN_API_KEY'],
    'secret': os.getenv('KRAKEN_API_SECRET'),
})
print(exchange.fetch_balance()['total'])
