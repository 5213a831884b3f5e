<?php
$key='';
$secret='';
