from bfxapi import Client, REST_HOST

bfx = Client(
    rest_host=REST_HOST,
    api_key="HGwhwWoO4ddG7O0X5Veqp7tXjsnX3rcSggmVvzVDKVc",
    api_secret="qaHN1PvoD6KzAJg03zF85Gmbh8oZyFkZb256a35fUXo",
)

offers = bfx.rest.auth.get_funding_offers(symbol="fUSD")
print(offers)
