from bitmart.api_spot import APISpot
from bitmart.lib.cloud_exceptions import APIException

api_key = "cfa3911d104acbfbd3b4d8b049bb59b940e3ddc7"
secret_key = "9d3d7532d7ea053083575b79311d1407e823ff45279ed4c1b384b4b7de38029f"
memo = "arb-8e7l"

spotAPI = APISpot(api_key, secret_key, memo, timeout=(3, 10))

try:
    print(spotAPI.get_wallet())
except APIException as error:
    print(error.response)
