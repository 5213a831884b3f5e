from coinbase.rest import RESTClient

api_key = "organizations/1df7e038-24b2-4ba7-b523-74163d74b923/apiKeys/762e2c24-2ac2-46e7-9c8a-ebbbbac4da9e"
api_secret = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIH+w2s2G/0uB9BZAEXw4UoW1b4GvNDIN7AFQktYX9jx7oAoGCCqGSM49\nAwEHoUQDQgAEOg5YP/M92fpZ0Ge9PBS0Kf584quE68e2oDwDxE7P71GhCJokwWjl\n1BlW0LAcUKnDP2d2nD+rkjkXRlhoIgUKsg==\n-----END EC PRIVATE KEY-----\n"

client = RESTClient(api_key=api_key, api_secret=api_secret)

accounts = client.get_accounts()
for a in accounts.accounts:
    print(a.currency, a.available_balance["value"])
