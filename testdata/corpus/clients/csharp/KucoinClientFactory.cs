using CryptoExchange.Net.Authentication;
using Kucoin.Net.Clients;

namespace Acme.Trading;

public static class ClientFactory
{
    public static KucoinRestClient Create() => new KucoinRestClient(options =>
    {
        options.ApiCredentials = new KucoinApiCredentials("656ba78433e02a9eb61f02fc", "a4f5e19d-9c9f-468b-9e2d-73cdde9d8fdc", "b7r6OckRnUe2");
    });
}
