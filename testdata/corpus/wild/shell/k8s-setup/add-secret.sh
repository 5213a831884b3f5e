#!/bin/bash
source ../../.env
kubectl create secret generic mexc --from-literal=MEXC_API_KEY="$MEXC_API_KEY" --from-literal=MEXC_SECRET_KEY="$MEXC_SECRET_KEY" --namespace $1
kubectl create secret generic bot-env --from-env-file=.env -n coinauto
