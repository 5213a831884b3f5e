using ccxt;

var exchange = new Bitget();
exchange.apiKey = "bg_f75d003b7b9263b739a65f92cdde8530";
exchange.secret = "1f46d118a3634b7c34af43d0efb47f7b8f0c8c8ca4c445aa6b984ca609f34872";
exchange.password = "Cedar_35480yq";

var balance = await exchange.FetchBalance();
Console.WriteLine(balance.total["USDT"]);
