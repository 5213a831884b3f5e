import getpass
import okx.Account as Account

api_key = ""
secret_key = ""
passphrase = getpass.getpass("OKX passphrase: ")
flag = "1"  # demo trading

accountAPI = Account.AccountAPI(api_key, secret_key, passphrase, False, flag)
