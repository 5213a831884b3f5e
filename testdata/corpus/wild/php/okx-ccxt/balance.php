<?php

include dirname(dirname(__FILE__)) . '/vendor/autoload.php';
date_default_timezone_set('UTC');

$exchange = new \ccxt\okx(array(
    'apiKey' => 'a5bee3e5-c773-4ef9-b324-af86ea8c7b8c',
    'secret' => 'C1563DFF8629C1BBCAFE9F814D5B879E',
    'password' => 'Delta@3012Bhr',
));

try {
    $result = $exchange->fetch_balance();
    print_r($result['total']);
} catch (\ccxt\NetworkError $e) {
    echo '[Network Error] ' . $e->getMessage() . "\n";
}
