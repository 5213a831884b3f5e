import asyncio
from cdp import CdpClient

# CdpClient() reads CDP_API_KEY_ID, CDP_API_KEY_SECRET and CDP_WALLET_SECRET
API_KEY_ID_PLACEHOLDER = "your-api-key-id"


async def main():
    async with CdpClient() as cdp:
        account = await cdp.evm.get_or_create_account(name="treasury")
        print(account.address)

asyncio.run(main())
