from os import getenv

from kucoin_universal_sdk.api import DefaultClient
from kucoin_universal_sdk.model import ClientOptionBuilder, TransportOptionBuilder
from kucoin_universal_sdk.model import GLOBAL_API_ENDPOINT, GLOBAL_FUTURES_API_ENDPOINT


class KucoinRest:
    def __init__(self):
        self.key = getenv("KUCOIN_KEY", "e43947fbd7075dc36d0f81ad")
        self.secret = getenv("KUCOIN_SECRET", "5edea703-ec98-4304-8d69-cb675b6c5433")
        self.passphrase = getenv("KUCOIN_PASSPHRASE", "Amber.1755TCx")

    def setup_client(self) -> DefaultClient:
        transport = TransportOptionBuilder().set_keep_alive(True).set_max_pool_size(10).build()
        option = (
            ClientOptionBuilder()
            .set_key(self.key)
            .set_secret(self.secret)
            .set_passphrase(self.passphrase)
            .set_spot_endpoint(GLOBAL_API_ENDPOINT)
            .set_futures_endpoint(GLOBAL_FUTURES_API_ENDPOINT)
            .set_transport_option(transport)
            .build()
        )
        return DefaultClient(option)
