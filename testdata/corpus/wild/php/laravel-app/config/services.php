<?php

return [

    'mailgun' => [
        'domain' => env('MAILGUN_DOMAIN'),
        'secret' => env('MAILGUN_SECRET'),
    ],

    'phemex' => [
        'base_url' => env('PHEMEX_BASE_URL', 'https://api.phemex.com'),
        'key' => env('PHEMEX_API_KEY', '1322b22b-cc42-400a-b35a-0336581c953f'),
        'secret' => env('PHEMEX_API_SECRET', 'p9XOMdQ1HVUCxwNpPGHHobvik4II-hG_QjRyZEg-nrQnfJhWBxSbWUe7zQaQW1DxTfq9tQ9jnGaMEZDiD1nUMg'),
    ],

];
