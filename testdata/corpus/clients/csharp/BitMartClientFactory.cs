using CryptoExchange.Net.Authentication;
using BitMart.Net.Clients;

namespace Acme.Trading;

public static class ClientFactory
{
    public static BitMartRestClient Create() => new BitMartRestClient(options =>
    {
        options.ApiCredentials = new ApiCredentials("da7ad55dc4208705384df63c0a423fe8e37a634e", "2791be4919653a5e59efbbc6c5c15ae217878b5c2b45920ceab1b4c0c7a39253", "dotnet-svc");
    });
}
