from pybitget import Client

api_key = "bg_c952d35cdb3d35ab1e0ae053fd4d8c8f"
api_secret = "4914472c3509680f79a0bd6fbb91d97e90be517ca3f9e58fafcc968c0f2e7294"
api_passphrase = "00Q03AuvdGmE"

client = Client(api_key, api_secret, passphrase=api_passphrase)
print(client.mix_get_accounts(productType="umcbl"))
