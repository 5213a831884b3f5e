$ErrorActionPreference = "Stop"

$env:FREQTRADE__EXCHANGE__NAME = "kraken"
$env:FREQTRADE__EXCHANGE__KEY = "pRiNJhWcZ87aCrXDOuUohwR7ULgYkdUnVHd/KKwhYCishc3rc38uuk4J"
$env:FREQTRADE__EXCHANGE__SECRET = "fMYn/kqHaCIs8CfXjTO+t7spFu2RbxpsKvggYPSEPG/v8agtnuaWskPzmxIzUqKceqFuq2kBgTKSpScH9kbEZA=="
$env:FREQTRADE__DRY_RUN = "false"

freqtrade trade --config user_data\config.json --strategy SampleStrategy
