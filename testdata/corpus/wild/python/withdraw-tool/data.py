# API keys for exchanges.
CEX_KEYS = {
    'mexc': {'api_key': 'mx0hj2bM1Cz8PAzzsk', 'api_secret': 'e1ccd0553a0caede446e21226812d603'},
    'bitget': {'api_key': 'bg_88ee031718ebf392b655f48307b7ebb6', 'api_secret': '30ae0f206476fce044d27d0bd75461d722173f610dfcce5c1cd9dfbcdb29ef14', 'password': 'Delta-6867iCV'},
}

# wallets to sweep into, one per line in wallets.txt
WALLETS_FILE = 'wallets.txt'
MIN_DELAY, MAX_DELAY = 30, 90
