# Deribit docs: client_signature example and the list_api_keys sample
DERIBIT_CLIENT_ID = "TiA4AyLPq3"
DERIBIT_CLIENT_SECRET = "SjM57m1T2CfXZ4vZ76X1APjqRlJdtzHI8IwVXoQnfoM"

def test_client_signature():
    from bot.deribit import signature
    assert signature("AMANDASECRECT", 1576074319000, "1iqt2wls", "") == "56590594f97921b09b18f166befe0d1319b198bbcdad7ca73382de2f88fe9aa1"
