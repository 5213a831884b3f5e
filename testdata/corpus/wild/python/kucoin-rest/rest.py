from os import getenv

PASSPHRASE_HEADER = "KC-API-PASSPHRASE"
KEY_VERSION_HEADER = "KC-API-KEY-VERSION"

key = getenv("KUCOIN_KEY", "")
secret = getenv("KUCOIN_SECRET", "changeme")
passphrase = getenv("KUCOIN_PASSPHRASE", "your-passphrase")
key_version = getenv("KUCOIN_KEY_VERSION", "2")
