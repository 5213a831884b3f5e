#!/usr/bin/env bash
set -euo pipefail

KEY='bg_1a6e8a1d4751a1cfbd768431c96a7203'
SECRET='c06513d47b33da43ac1896e7bc750115268d07cad20e0dc9e3a3fc68c4985780'
TS=$(date +%s%3N)
PATH_Q='/api/v2/spot/account/assets'
SIGN=$(printf '%s' "${TS}GET${PATH_Q}" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64)

curl -s "https://api.bitget.com${PATH_Q}" \
  -H "ACCESS-KEY: ${KEY}" \
  -H "ACCESS-SIGN: ${SIGN}" \
  -H "ACCESS-TIMESTAMP: ${TS}" \
  -H "ACCESS-PASSPHRASE: Vesper_60205v6" \
  -H "Content-Type: application/json"
