import gate_api

configuration = gate_api.Configuration(
    host="https://api.gateio.ws/api/v4",
    key="703110dde47e2ed904fbc3b0264391cd",
    secret="bb24c438367d99378e1e0ad5bb1d6c156f1c25f1fddf4ecb01ed5d5cb850f024",
)
api_client = gate_api.ApiClient(configuration)
print(gate_api.SpotApi(api_client).list_spot_accounts())
