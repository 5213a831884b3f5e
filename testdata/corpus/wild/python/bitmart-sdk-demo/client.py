from bitmart.api_spot import APISpot

api_key = "Your API KEY"
secret_key = "Your Secret KEY"
memo = "Your Memo"

spotAPI = APISpot(api_key, secret_key, memo, timeout=(3, 10))
