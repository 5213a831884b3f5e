from coinbase.rest import RESTClient

api_key = "organizations/6abc7a3f-6009-40db-b4cf-e7f1e4bb3e46/apiKeys/65514421-f4aa-44c9-a65b-9d3a3ca47525"
api_secret = """-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIGPR9iWfZB9gzPl4DTFnBcIkMEIZuLvgtfPCh7sD/m/HoAoGCCqGSM49
AwEHoUQDQgAEaA6YztReHe8K0eRwZXMGPZjpgoB5Fx43gIoBbdfDxLs746LcAj11
im3E0qv8vrTUsqRnP9nO6jFW8JFEGClRvA==
-----END EC PRIVATE KEY-----
"""

client = RESTClient(api_key=api_key, api_secret=api_secret)
print(client.get_accounts())
