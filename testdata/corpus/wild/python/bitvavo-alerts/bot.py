from python_bitvavo_api.bitvavo import Bitvavo

bitvavo = Bitvavo({'APIKEY': '<APIKEY>', 'APISECRET': '<APISECRET>', 'ACCESSWINDOW': 10000})
