#!/bin/sh
set -e

: "${CRYPTOCOM_API_KEY:=VpcaM3HOhMNWmBQqhkHhQU}"
export CRYPTOCOM_API_SECRET="${CRYPTOCOM_API_SECRET:-dLkrHZNXNnsu0xxJgEc5GF}"
export CRYPTOCOM_API_KEY

exec python -m crobot --pairs "${PAIRS:-CRO_USD,BTC_USD}"
