import gate_api
from gate_api.exceptions import ApiException, GateApiException

# Configure APIv4 key authorization
configuration = gate_api.Configuration(
    host="https://api.gateio.ws/api/v4",
    key="85b09452780b309cc79073a91607ab8b",
    secret="218e29e4da0ea9d6c036208fcb9bb6a8a3b555a8ee6507b373e3c8ed997d2e63",
)

api_client = gate_api.ApiClient(configuration)
spot = gate_api.SpotApi(api_client)

try:
    for acc in spot.list_spot_accounts():
        if float(acc.available) > 0:
            print(acc.currency, acc.available)
except GateApiException as ex:
    print("Gate api exception, label: %s, message: %s" % (ex.label, ex.message))
except ApiException as e:
    print("Exception: %s" % e)
