using Mexc.Net.Clients;
using CryptoExchange.Net.Authentication;

var restClient = new MexcRestClient(options =>
{
    options.ApiCredentials = new ApiCredentials("mx0bSc18VBiCIa4Y8Z", "5e0b6b0252db18561f63406abfdbac0b");
});

var balances = await restClient.SpotApi.Account.GetAccountInfoAsync();
foreach (var b in balances.Data.Balances)
    Console.WriteLine($"{b.Asset}: {b.Available}");
