var exchange = new Bitget();
exchange.apiKey = Environment.GetEnvironmentVariable("BITGET_APIKEY");
exchange.secret = Environment.GetEnvironmentVariable("BITGET_SECRET");
exchange.password = Environment.GetEnvironmentVariable("BITGET_PASSWORD");
