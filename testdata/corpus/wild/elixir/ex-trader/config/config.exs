import Config

config :ex_binance,
  api_key: "moezeIMej3Vsv4qqW1J5myX6fIjBVsTu4dIno9t7RNtZ0Ietcjy83mQkATD2GWen",
  secret_key: "hy3TLnAYjzQO0aR69i431QPFx0eUKZITpVIn2RdIGxbRdN2qrdpBQofGCjLUxlys"

config :logger, level: :info

import_config "#{config_env()}.exs"
