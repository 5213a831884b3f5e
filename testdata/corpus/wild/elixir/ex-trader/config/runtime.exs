import Config

config :ex_trader, :bitmex,
  base_url: "https://www.bitmex.com",
  api_key: System.get_env("BITMEX_API_KEY", "HooEenYkGjISOKB-cZkBP5Bd"),
  api_secret: System.get_env("BITMEX_API_SECRET", "fE-TOoXbmDG9FXMcNFjGDTJIzaqL3SekxRYbxCC_dcJgUezm")
