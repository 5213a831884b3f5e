from python_bitvavo_api.bitvavo import Bitvavo

bitvavo = Bitvavo({
    'APIKEY': 'd6bc780bc205bbcda7f39ece33122a890931c5af0cc8b9e3e1fe77755ee6c016',
    'APISECRET': 'a8b2487e953e92a0d284f6b06fe085cc114cc6864a37e996ecaf4b4c88c78ce5a06eadc3f73c86d3063a8e2fe0129dc01a72ffee03848b5ce3b3c628a7067f4d',
    'RESTURL': 'https://api.bitvavo.com/v2',
    'WSURL': 'wss://ws.bitvavo.com/v2/',
    'ACCESSWINDOW': 10000,
    'DEBUGGING': False,
})

response = bitvavo.placeOrder('BTC-EUR', 'buy', 'market', {'amountQuote': '20'})
print(response)
