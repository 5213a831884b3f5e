using CryptoExchange.Net.Authentication;
using Binance.Net.Clients;

namespace Acme.Trading;

public static class ClientFactory
{
    public static BinanceRestClient Create() => new BinanceRestClient(options =>
    {
        options.ApiCredentials = new ApiCredentials("lmuNNkqcWJAYFZXI5H7IaWyvw1N0kBXsUJrRp48b9sLJEEn6ca9vcuFm0AISOSCo", "KXGxAe9dXmAXV6Mw3E8W6cCMgpBGUU3o3B0mgzaHFSaezvFYBQL0pVtuX12gLQ0X");
    });
}
