import ccxt
import time

okx = ccxt.okx({
    'apiKey': '50a4288c-09f8-4afc-8149-1838d715df86',
    'secret': '2D71ABCD976A5DB9195263C8A0A57289',
    'password': 'Delta3719@cob',
    'enableRateLimit': True,
})

bybit = ccxt.bybit({
    'apiKey': 'jJdcYr1FtCSePSyqtY',
    'secret': 'HFExhu28GbeECE820VG9aYFrtTWmJD7XvKQt',
    'enableRateLimit': True,
})

bitget = ccxt.bitget({
    'apiKey': 'bg_8fcf7145df116085598e1e3eaec12e74',
    'secret': '41626f25f519725343a3de52026fac603e03103886aebdf7a290899d1e6bb7e5',
    'password': 'jueFEg3mjHLe',
    'enableRateLimit': True,
})

htx = ccxt.htx({
    'apiKey': 'b66ab4c8-mn8ikls4qg-585b5234-ef0eb',
    'secret': 'f37828a7-4755d8e6-4c48f969-1f651',
    'enableRateLimit': True,
})def funding(ex, symbol):
    return ex.fetch_funding_rate(symbol)["fundingRate"]


while True:
    for ex in (okx, bybit, bitget, htx):
        print(ex.id, funding(ex, "BTC/USDT:USDT"))
    time.sleep(60)
