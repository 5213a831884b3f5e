import ccxt

binanceus = ccxt.binanceus({
    'apiKey': '4rDnR7Dk5XJowSxUcVGEIwNF83CfiuvQssWnTSE16BTTEsETZwJxf7rUZdatfg9V',
    'secret': 'qNhOIuXWsTZpISqjZRczXydtH9gCcAbgxlwUSnLnqijrFOe0zmpLL5T6KYKaIs85',
})

coinbase_pro = ccxt.coinbaseexchange({
    'apiKey': '7a0fef344bbc8b6e35ae8afb53b85a92',
    'secret': 'Z6OkIuuqzGgF/MaSf5x/1ywiuDU/RzM/kIrglHeZnCSjot/ZDonE2rwPUMIGe/TWML57kPN/a9cII+8AhxSXkg==',
    'password': '9m8yn0en3v4',
})

coinbase = ccxt.coinbase({
    'apiKey': 'organizations/86e7743a-c288-452e-90f4-7bc2d073b99e/apiKeys/9f2a3f02-c911-48e0-988e-647d4dec2b72',
    'secret': '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEICYlw+Tv40QPns6WOei8kTlrJdp8KN/4EiZqIE6S5MjeoAoGCCqGSM49\nAwEHoUQDQgAEmiO+s8WYCzHhIpEj5OdqK8JPjD6TPQ29wMDPcJiM0vNR6jqOBpbn\nLZuEqD1u9MG28TrDlw41U19iuzZ4cf/Lnw==\n-----END EC PRIVATE KEY-----\n',
})
