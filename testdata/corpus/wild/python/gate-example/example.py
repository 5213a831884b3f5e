import gate_api

configuration = gate_api.Configuration(host="https://api.gateio.ws/api/v4", key="YOUR_API_KEY", secret="YOUR_API_SECRET")
order_id = "12332324"
text = "t-my-custom-id"
currency_pair = "ETH_USDT"
