# Documentation examples for MEXC (spot v3) and OKX (secret from the API guide)
MEXC_API_KEY = "mx0aBYs33eIilxBWC5"
MEXC_SECRET_KEY = "45d0b3c26f2644f19bfb98b07741b2f5"
OKX_SECRET_KEY = "22582BD0CFF14C41EDBF1AB98506286D"

def test_mexc_doc_vector():
    from bot.mexc import sign
    payload = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087"
    assert sign(MEXC_SECRET_KEY, payload) == "fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a"
