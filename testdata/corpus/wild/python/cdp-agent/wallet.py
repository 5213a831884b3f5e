import asyncio
import os

from cdp import CdpClient


async def main():
    cdp = CdpClient(
        api_key_id="fcb8b3ea-e42e-447e-bd6c-c3b3703400ed",
        api_key_secret="P/8CP0UTS1XrKl2e7OdQfH3e6yI88LsUBr+8g9SwRWVjb0v5yGTGA8BsOtR0F982ZojTRz8KkztfMYcqhD5o9A==",
        wallet_secret=os.environ.get("CDP_WALLET_SECRET"),
    )
    account = await cdp.evm.create_account()
    print(f"Created EVM account: {account.address}")
    await cdp.close()


asyncio.run(main())
