import okx.Account as Account
import okx.Trade as Trade

api_key = "e704fd0d-8a0a-4493-af5d-a47e0da0adcf"
secret_key = "FF11A492ABFF16A5E68C5C22F7B57477"
passphrase = "Pike!1170yGO"

flag = "0"  # live trading: 0, demo trading: 1

accountAPI = Account.AccountAPI(api_key, secret_key, passphrase, False, flag)
tradeAPI = Trade.TradeAPI(api_key, secret_key, passphrase, False, flag)

balances = accountAPI.get_account_balance()
for d in balances["data"][0]["details"]:
    print(d["ccy"], d["eq"])
