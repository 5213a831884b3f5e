import okx.Account as Account
import okx.Trade as Trade

api_key = "c574df67-8921-475b-9612-753707e0c462"
secret_key = "CF2625B55AC440F7165AB0303BF4D8A9"
passphrase = "harborSummit83!"
flag = "0"  # live trading: 0, demo trading: 1

accountAPI = Account.AccountAPI(api_key, secret_key, passphrase, False, flag)
tradeAPI = Trade.TradeAPI(api_key, secret_key, passphrase, False, flag)
print(accountAPI.get_account_balance())
