use binance::api::*;
use binance::account::*;
use binance::config::*;

fn main() {
    let config = Config::default().set_rest_api_endpoint("https://api.binance.us");
    let account: Account = Binance::new_with_config(
        Some("9uzyM4NRGwnTkK58tsbuRRADVTa1dlhfKsqk7VXiPfj7VS0iFBCHAl0HiEeKxjFe".into()),
        Some("yilMUiES8Ho4D5sxg6kBjA1yVbKQr3cfb6fEdrhBF9sY6NIFTo43dBZPrVfpApPi".into()),
        &config,
    );
    match account.get_account() {
        Ok(answer) => println!("{:?}", answer.balances),
        Err(e) => println!("Error: {:?}", e),
    }
}
