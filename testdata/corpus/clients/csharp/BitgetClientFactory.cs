using CryptoExchange.Net.Authentication;
using Bitget.Net.Clients;

namespace Acme.Trading;

public static class ClientFactory
{
    public static BitgetRestClient Create() => new BitgetRestClient(options =>
    {
        options.ApiCredentials = new ApiCredentials("bg_038910c6aaeece01ee3562b80734768c", "2f9bbb4035ec9a82056b288ae0a6d662224ce53080fd3e05deb4dcf85a55fd6d", "deltaHarbor16!");
    });
}
