<?php
$exchange = new \ccxt\okx(array(
    "apiKey" => "YOUR_API_KEY",
    "secret" => "YOUR_API_SECRET",
    "password" => "YOUR_PASSPHRASE",
));
