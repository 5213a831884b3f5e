use binance_spot_connector_rust::{
    http::Credentials,
    hyper::{BinanceHttpClient, Error},
    trade,
};
use env_logger::Builder;

#[tokio::main]
async fn main() -> Result<(), Error> {
    Builder::from_default_env()
        .filter(None, log::LevelFilter::Info)
        .init();
    let credentials = Credentials::from_hmac(
        "mp2ipyQDqHOSN3N7OauYyUm4GhugdnJWILpR2k7HXeSzm186vZnm4UENONYPFFUS".to_owned(),
        "XD0QDpeSd23LYrQXW4nKwndCfQPTYhREfNusMEfmocziOlxMLus0b9QF3vylH9WA".to_owned(),
    );
    let client = BinanceHttpClient::default().credentials(credentials);
    let request = trade::account();
    let data = client.send(request).await?.into_body_str().await?;
    log::info!("{}", data);
    Ok(())
}
