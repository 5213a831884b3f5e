use deribit_api::{DeribitClient, Env};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = DeribitClient::connect(Env::Production).await?;
    let auth = client
        .call_raw(
            "public/auth",
            json!({
                "grant_type": "client_credentials",
                "client_id": "BCz0CqRX",
                "client_secret": "NWScMbI_EsU2X6GVCor1AnwO9QJwRjgcKrfmgYDVEqk"
            }),
        )
        .await?;
    println!("scope: {}", auth["scope"]);
    Ok(())
}
