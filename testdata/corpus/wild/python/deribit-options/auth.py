import requests

BASE = "https://www.deribit.com/api/v2"


def token():
    r = requests.get(BASE + "/public/auth", params={
        "grant_type": "client_credentials",
        "client_id": "L7IdA7uA",
        "client_secret": "FBz7HbK4XHoTWfdYMWvLU2NAc2CTwe8bk0pLv7HCQAg",
    })
    r.raise_for_status()
    return r.json()["result"]["access_token"]


headers = {"Authorization": "Bearer " + token()}
print(requests.get(BASE + "/private/get_account_summary", params={"currency": "BTC"}, headers=headers).json())
