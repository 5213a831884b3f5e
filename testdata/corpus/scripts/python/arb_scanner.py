"""Cross-venue spread scanner."""
import asyncio
import ccxt.async_support as ccxt

CONFIG = {
    "binance": {"apiKey": "ATp956MQ6sFpkGOdBPSNHM5peiNTVuBe6ySQKdN5X6wlNoL8x0zyK2CISAEYx44A", "secret": "Q6FrS6nm4BkPcYWhVbNcdkSrGA99CFFaWeGVTHu4i2i2qDpdwx5HHO7HQvy4HqHP"},
    "kraken": {"apiKey": "HNzI4Az0WkYrVNjE8hzVPI2U7IDFV8QgjJ/KyM7MAetD2Ai+urYwznAA", "secret": "HG873w3IIKby1dgWQnuR7Cfj2mUf7QcJ6CbJBa5MY2DAcrrS/aRdFX+hlTZ+yutYBqe8Wni+Z3eGypk82Wpkxw=="},
    "bitstamp": {"apiKey": "IMvNTAVIUXvxytptnIUcC3MSgASna892", "secret": "rXJUb713fjy6gLTP5Esw8Culo5MginYo", "uid": "1048573"},
    "gemini": {"apiKey": "master-SII2ncsmYvlYs4wmhwTn", "secret": "xTtCa5J4nB82wWnzB1hoUBXRTgy"},
}


async def main():
    exchanges = {name: getattr(ccxt, name)(dict(cfg, enableRateLimit=True)) for name, cfg in CONFIG.items()}
    try:
        books = await asyncio.gather(*(ex.fetch_order_book("BTC/USD") for ex in exchanges.values()))
        for name, book in zip(exchanges, books):
            print(name, book["bids"][0], book["asks"][0])
    finally:
        await asyncio.gather(*(ex.close() for ex in exchanges.values()))


if __name__ == "__main__":
    asyncio.run(main())
