from python_bitvavo_api.bitvavo import Bitvavo

bitvavo = Bitvavo({
    'APIKEY': 'b99e0e88f3239a2d6ce86581753e839fab29e9435718c7de1896cce9ed2c4a9d',
    'APISECRET': 'beba98c3c3ff218d8865c521af7f505b064d020e6c766342b9deedb05ea76314a01b5acfc89502a40df511afde0fe5f961003f9c5c472f97b06eb4f0299f6be2',
    'RESTURL': 'https://api.bitvavo.com/v2',
    'WSURL': 'wss://ws.bitvavo.com/v2/',
    'ACCESSWINDOW': 10000,
    'DEBUGGING': False
})
print(bitvavo.balance({}))
