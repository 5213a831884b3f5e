"""RFC 4231 test vectors for the HMAC-SHA256 signer used by the Binance, Bybit and MEXC adapters."""
import hmac, hashlib
import pytest

VECTORS = [
    # (key, data, expected)
    ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
]


@pytest.mark.parametrize("key,data,expected", VECTORS)
def test_rfc4231(key, data, expected):
    secret = bytes.fromhex(key)
    assert hmac.new(secret, bytes.fromhex(data), hashlib.sha256).hexdigest() == expected
