<?php
/**
 * Fill in your key and secret, then the examples can be run directly.
 */
$key='25clfgoi-1igzwuhlp6-c3a5e7bb-aa44e';
$secret='8aa50c7f-86afc019-9adbd0e4-0f1a2';
$account_id='32145678';
