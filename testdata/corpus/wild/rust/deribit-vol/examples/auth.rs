let auth = client.call_raw("public/auth", json!({
    "grant_type": "client_credentials",
    "client_id": std::env::var("DERIBIT_CLIENT_ID")?,
    "client_secret": std::env::var("DERIBIT_CLIENT_SECRET")?
})).await?;
