import hmac
import hashlib
import time
import requests

API_KEY = "sVQwXoSlYlJy7Oy5QQwnNx"
SECRET_KEY = "WW0yiwaHmtlBISv4UmNQTp"
BASE = "https://api.crypto.com/exchange/v1/"


def params_to_str(obj, level=0):
    if level >= 3:
        return str(obj)
    out = ""
    for key in sorted(obj):
        out += key
        if obj[key] is None:
            out += "null"
        elif isinstance(obj[key], list):
            for sub in obj[key]:
                out += params_to_str(sub, level + 1)
        else:
            out += str(obj[key])
    return out


req = {"id": 14, "method": "private/user-balance", "api_key": API_KEY, "params": {}, "nonce": int(time.time() * 1000)}
payload = req["method"] + str(req["id"]) + req["api_key"] + params_to_str(req["params"]) + str(req["nonce"])
req["sig"] = hmac.new(bytes(SECRET_KEY, "utf-8"), msg=bytes(payload, "utf-8"), digestmod=hashlib.sha256).hexdigest()
print(requests.post(BASE + req["method"], json=req).json())
