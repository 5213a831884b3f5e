using CryptoExchange.Net.Authentication;
using Bybit.Net.Clients;

namespace Acme.Trading;

public static class ClientFactory
{
    public static BybitRestClient Create() => new BybitRestClient(options =>
    {
        options.ApiCredentials = new ApiCredentials("on6IoG3bfepxQUzoVu", "HNtcrZQmTgiUK4hcDc7YWUKbNpsg2aUCGxeH");
    });
}
