pub fn credentials() -> (String, String) {
    let key = String::from("YOUR_API_KEY");
    let secret = std::env::var("KRAKEN_API_SECRET").unwrap_or_default();
    (key, secret)
}
