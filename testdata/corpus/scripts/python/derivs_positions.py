import ccxt

deribit = ccxt.deribit({"apiKey": "BDNSneR2", "secret": "lYXZbe9gnw96qHgtsAjp2sh8Trm_bxzE9ku0kotLSSg"})
bitmex = ccxt.bitmex({"apiKey": "PMQIzLRuTQZWILpbRjVPfoeT", "secret": "t1MkGxk_tr_1WmyvlKVWDp4JKLwL1RCeTqcgheY810-2vdPl"})
phemex = ccxt.phemex({"apiKey": "57505091-2392-4aa1-a730-f72219ed18ad", "secret": "kezY_fUQcRfxzRYqSF8UFTOMR63i-vXhqKSb4cug0q9TEzjcce-ZsMWqkh6yIP5GcFeXvSeJkcUtlENa4y6orQ"})
woo = ccxt.woo({"apiKey": "3cU4voZAqjqC59jhrhkAkA==", "secret": "6YQW7YIJ0FDBL79FS8F5NB8Z4MS2", "uid": "ca6c754a-d2ff-4310-a454-f614ca980d81"})

for ex in (deribit, bitmex, phemex, woo):
    for p in ex.fetch_positions():
        print(ex.id, p["symbol"], p["contracts"], p["unrealizedPnl"])
