from mexc_sdk import Spot

client = Spot(api_key='mx05Mlu4KRkIij6seH', api_secret='05bab642b45df77002d4cffaaa123513')
print(client.account_info())
