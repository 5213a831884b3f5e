import Config

config :binance_api,
  api_key: "<BINANCE_API_KEY>",
  secret_key: "<BINANCE_SECRET_KEY>",
  base_url: "https://api.binance.com"

config :binance,
  api_key: System.fetch_env!("BINANCE_API_KEY"),
  secret_key: System.fetch_env!("BINANCE_API_SECRET")
