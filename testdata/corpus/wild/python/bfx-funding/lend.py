import asyncio
from bfxapi import Client

bfx = Client(
    API_KEY="qLxp36so0RoYIWXgDA6CA1jKt6byEBn3NDu7iQjxCfI",
    API_SECRET="WjzslAcD9NUBwheXYepAmYOLidRfLPVzHRwW0ReTtoy",
    logLevel="INFO",
)


async def offer():
    resp = await bfx.rest.submit_funding_offer("fUSD", 150, 0.0002, 2)
    print(resp.notify_info)


asyncio.get_event_loop().run_until_complete(offer())
