curl -s "https://api.bitget.com/api/v2/spot/account/assets" \
  -H "ACCESS-KEY: ${BITGET_API_KEY}" \
  -H "ACCESS-PASSPHRASE: ${BITGET_PASSPHRASE}" \
  -H "ACCESS-SIGN: ${SIGN}"
