import ccxt

kucoin = ccxt.kucoin({
    "apiKey": "67e13a29e7041491b57ddb9a",
    "secret": "f6ecd284-ec86-43f6-b7d2-8f4bf757390d",
    "password": "lKemYwQAXpRC",
    "enableRateLimit": True,
})

gate = ccxt.gateio({
    "apiKey": "31d56f53413f1283509093a01e826085",
    "secret": "26e51688ec656c393eea653531ce1358b3b3ac6d73058cf8e40a6bfd59c0fc7e",
    "enableRateLimit": True,
})

mexc = ccxt.mexc({
    "apiKey": "mx0BHZCcI543vKfrTV",
    "secret": "1f6085a0b2536856e46ab0012461fbab",
    "enableRateLimit": True,
})

bitmart = ccxt.bitmart({
    "apiKey": "b3daa6d026fb5d6d9a2233386b9edf495c974b05",
    "secret": "5486b6057c0b953f0fdd3668343527cea8159691699864e5402c527b74366b60",
    "uid": "balance-script",
    "enableRateLimit": True,
})for ex in (kucoin, gate, mexc, bitmart):
    bal = ex.fetch_balance()
    print(ex.id, {k: v for k, v in bal["total"].items() if v})
