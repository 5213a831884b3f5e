import os
import bitstamp.client

trading_client = bitstamp.client.Trading(username=os.environ["BITSTAMP_CUSTOMER_ID"],
                                         key=os.environ["BITSTAMP_API_KEY"],
                                         secret=os.environ["BITSTAMP_API_SECRET"])
last_order = {"id": "1658431905843200", "client_order_id": "rebalance-2024-06"}
