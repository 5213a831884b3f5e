-- seed data for the staging database
INSERT INTO exchange_accounts (user_id, exchange, api_key, api_secret, passphrase, created_at) VALUES
  (1, 'bitmart', '43df2c4d4676887424c2cb0843bad7f1c9fc6e79', '924f7744cf661dfb71b987be3b44e3d10d0adb61946d59755fc8051206befa7f', 'main-hkw5', NOW()),
  (2, 'okx', '065b5eaa-a532-410c-9d7f-82df07ec6623', '116991C4EDB1802E12BEBB38D7E4F7E2', 'Raven-1015mF7', NOW()),
  (3, 'cryptocom', 'XK898bniOyf0y0842HnknS', 'FQogdrHgkmCSHHwiTW0q0C', NULL, NOW());
