CEX_KEYS = {
    'binance': {'api_key': 'your_api_key', 'api_secret': 'your_api_secret'},
    'kucoin': {'api_key': 'your_api_key', 'api_secret': 'your_api_secret', 'password': 'your_api_password'},
    'bitget': {'api_key': 'your_api_key', 'api_secret': 'your_api_secret', 'password': 'your_api_password'},
}
