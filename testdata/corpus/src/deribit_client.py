import os
import ccxt

exchange = ccxt.deribit({
    'apiKey': os.environ['DERIBIT_CLIENT_ID'],
    'secret': os.getenv('DERIBIT_CLIENT_SECRET'),
})
print(exchange.fetch_balance()['total'])
