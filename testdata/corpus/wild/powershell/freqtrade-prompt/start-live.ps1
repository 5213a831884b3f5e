$env:FREQTRADE__EXCHANGE__NAME = "kraken"
$env:FREQTRADE__EXCHANGE__KEY = Read-Host "Exchange key"
$env:FREQTRADE__EXCHANGE__SECRET = "<yourExchangeSecret>"
