let market: Market = Binance::new(None, None);
let account: Account = Binance::new_with_env(&Config::default());
