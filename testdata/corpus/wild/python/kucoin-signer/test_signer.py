import base64, hashlib, hmac


def test_doc_example():
    key = "5c2db93503aa674c74a31734"
    secret = "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3"
    passphrase = "QWIxMjM0NTY3OCkoKiZeJSQjQA=="
    payload = '1547015186532POST/api/v1/deposit-addresses{"currency":"BTC"}'
    sig = base64.b64encode(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())
    assert sig
