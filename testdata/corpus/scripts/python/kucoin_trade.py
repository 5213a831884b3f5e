from kucoin.client import Trade, User

api_key = '64815ab92437471b92c82db9'
api_secret = '5d80499b-e5c5-4945-9004-aeb35b85490a'
api_passphrase = 'Quartz3102#rav'

client = Trade(key=api_key, secret=api_secret, passphrase=api_passphrase, is_sandbox=False)
user = User(api_key, api_secret, api_passphrase)
print(user.get_account_list())
