from huobi.client.account import AccountClient
from huobi.constant import *

account_client = AccountClient(api_key="e60be68d-mjlpdje3ld-bac3cd42-2cf27",
                               secret_key="38df45a9-d6edb735-8c354b52-0616c")
for account in account_client.get_accounts():
    print(account.id, account.type)
