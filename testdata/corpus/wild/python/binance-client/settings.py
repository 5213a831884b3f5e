import os
from binance.client import Client

API_KEY_HEADER = "X-MBX-APIKEY"
API_KEY_ENV = "BINANCE_API_KEY"
API_SECRET_ENV = "BINANCE_API_SECRET"

client = Client(os.environ[API_KEY_ENV], os.environ[API_SECRET_ENV], tld="us")
