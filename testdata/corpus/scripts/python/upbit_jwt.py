import jwt
import uuid
import requests

access_key = "MB34SeGObqeDpA9KNcYPTFEYv19DLsOBLRgiKQOE"
secret_key = "kK367Ota2yXAeEvudBEjoSOX8xFn5CCGzkq7iJg3"
server_url = "https://api.upbit.com"

payload = {"access_key": access_key, "nonce": str(uuid.uuid4())}
token = jwt.encode(payload, secret_key)
res = requests.get(server_url + "/v1/accounts", headers={"Authorization": f"Bearer {token}"})
print(res.json())
