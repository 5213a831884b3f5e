CREATE TABLE orders (id bigint, exchange varchar(32), order_id varchar(64), client_order_id varchar(64), tx_hash varchar(66));
INSERT INTO orders (id, exchange, order_id, client_order_id, tx_hash) VALUES
  (1, 'okx', 'af79f0ff-4fdb-4932-8c0c-c5e545469211', '28eabe39e994ebd31d95a63effd87c72', '0xa481e0bd2fb7d046f0245001418fd5d15841157dc576d4579cda614127a49cc3'),
  (2, 'kucoin', '5709a534c3b2d5c2fedefa00', 'e2209224-e008-4cb9-8c6f-4af16742bac2', '0x96b4b273faa40a1b05df3d966549ab08ba190eef229f6e7a7fbdff656bdb3958');
