#!/bin/sh
: "${CRYPTOCOM_API_KEY:?CRYPTOCOM_API_KEY is required}"
: "${CRYPTOCOM_API_SECRET:?CRYPTOCOM_API_SECRET is required}"
export PAIRS="${PAIRS:-}"
