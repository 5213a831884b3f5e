using CryptoExchange.Net.Authentication;
using Mexc.Net.Clients;

namespace Acme.Trading;

public static class ClientFactory
{
    public static MexcRestClient Create() => new MexcRestClient(options =>
    {
        options.ApiCredentials = new ApiCredentials("mx02RWhSEtHRIe7IE8", "0aaf38c3e8a9cb561ea4ff527c4fde06");
    });
}
