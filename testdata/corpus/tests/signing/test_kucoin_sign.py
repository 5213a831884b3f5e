# KuCoin docs: signing example
KUCOIN_API_KEY = "5c2db93503aa674c74a31734"
KUCOIN_API_SECRET = "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3"
KUCOIN_API_PASSPHRASE = "QWIxMjM0NTY3OCkoKiZeJSQjQA=="

def test_sign():
    from bot.kucoin import sign
    assert sign(KUCOIN_API_SECRET, "1547015186532POST/api/v1/deposit-addresses{\"currency\":\"BTC\"}") == "7QP/oM0ykidMdrfNEUmng8eZjg/ZvPafjIqmxiVfYu4="
