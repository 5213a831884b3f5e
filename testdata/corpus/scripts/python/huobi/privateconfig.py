# huobi_Python example/privateconfig.py, filled in
g_api_key = "5939857a-1qdmpe4rty-6d58c934-420a7"
g_secret_key = "edda1bc0-62552369-35b3a005-59ae5"
g_account_id = 48291734
