<?php
return [
    'phemex' => [
        'key' => env('PHEMEX_API_KEY'),
        'secret' => env('PHEMEX_API_SECRET'),
    ],
];
