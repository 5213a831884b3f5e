from kraken.spot import User, Trade

key = "SRf6dgYWjqedEAEzIHUfwo4aIxLbnlYaQ5PISp9Jg4zDXHSEBSChyV2I"
secret = "jqw13wbSyLKNUUyNAIQes12mSJeO6jsv9Ql78cve8NiniwA92nYZz5eZmINPGWzDL1DRnktKPCxRTpsang+cEw=="

user = User(key=key, secret=secret)
print(user.get_account_balance())
