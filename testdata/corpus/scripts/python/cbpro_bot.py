import cbpro

auth_client = cbpro.AuthenticatedClient("814fe9eb2270cd2c71a0bec4c3833969",
                                        "v4ZVIZA8oxiS4eCCqSAjvGQqzdHTqCVdzw9Wsr9M3rXMVB0J1g7hpj9XebuWy5urn8eVQEud5OqxPUlL5XK7aQ==",
                                        "kmkemg5dkdf")
print(auth_client.get_accounts())
