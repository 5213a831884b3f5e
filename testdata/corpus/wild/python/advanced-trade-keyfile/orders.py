from coinbase.rest import RESTClient

client = RESTClient(key_file="path/to/cdp_api_key.json")
order = client.market_order_buy(client_order_id="d619e184-7cc6-4931-adfb-30b8c5036b7b", product_id="BTC-USD", quote_size="10")
print(order["success_response"]["order_id"])  # e.g. b26bc277-d085-4583-9b7a-29f597d02fc1
