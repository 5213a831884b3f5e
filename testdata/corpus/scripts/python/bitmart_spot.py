from bitmart.api_spot import APISpot

spotAPI = APISpot(api_key="7be2621d18cf941fa45cb45eee6c78e0dab82c50",
                  secret_key="6332ac389b3b6d5e2eb8b012a40aff25c401e6b57ad029d33431813cf011fc50",
                  memo="spot-sdk-bot",
                  timeout=(3, 10))
print(spotAPI.get_wallet())
