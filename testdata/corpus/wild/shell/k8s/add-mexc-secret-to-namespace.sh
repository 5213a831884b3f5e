#!/bin/bash

kubectl create secret generic mexc \
  --from-literal=MEXC_API_KEY="mx0LqVH48tqaKbZwVT" \
  --from-literal=MEXC_SECRET_KEY="3c6183941e3e0755505cd2c46e009ad4" \
  --namespace "$1"
