using Binance.Net.Clients;
using CryptoExchange.Net.Authentication;
using Microsoft.Extensions.Configuration;

public static class ConfiguredClients
{
    public static BinanceRestClient Binance(IConfiguration cfg) => new(options =>
    {
        options.ApiCredentials = new ApiCredentials(cfg["Binance:ApiKey"]!, cfg["Binance:ApiSecret"]!);
    });
}
