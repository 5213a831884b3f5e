using CryptoExchange.Net.Authentication;
using CryptoCom.Net.Clients;

namespace Acme.Trading;

public static class ClientFactory
{
    public static CryptoComRestClient Create() => new CryptoComRestClient(options =>
    {
        options.ApiCredentials = new ApiCredentials("BnJq5busThKO2R0kUVzteD", "vg1ETrpTJmfnrGuDzfQf9E");
    });
}
