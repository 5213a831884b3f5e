from binance.client import Client

# US account
client = Client("7cNndyruhI7IZb6MZphMCkXNScbO02r02REadkgsEYrBLUGkvBwYShVFN9tXPQuM", "HYygnrruOiR0iiNX3bte7zX9SXCCf3RUR3bt9fVyMgtqq7xPD6m4qMmRBLGaPrtJ", tld="us")
print(client.get_account()["balances"][:5])
