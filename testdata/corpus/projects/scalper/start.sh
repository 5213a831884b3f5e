#!/usr/bin/env bash
set -euo pipefail
# quick start for the scalper; TODO move to a secrets manager
export OKX_API_KEY="a632e664-8af0-4bcc-9945-63df6e941db6"
export OKX_API_SECRET="88E49439CAB1A5FE34338C5A20EB3F2F"
export OKX_API_PASSPHRASE="cobaltOrbit62!"
export KUCOIN_KEY='672eee29391d754fb75be135'
export KUCOIN_SECRET='3fb440a9-3511-4157-9499-9902269cf5f2'
export KUCOIN_PASSPHRASE='zephyrCobalt37!'
exec python -m scalper --symbols BTC-USDT,ETH-USDT
