create database db_binance;
use db_binance;

create table tbl_users(
id int unsigned auto_increment primary key,
api_key varchar(100) not null,
api_secret varchar(100) not null,
constraint unique (api_key),
constraint unique (api_secret)
);

insert into tbl_users (api_key, api_secret) values ('811rRMV0jzVpQVY17uWStoCtK3AngzhMh4Sixa3QeGp7qzjrt8gLU5ZehDiSmv5Q', 'BwEDjBKDXVCE5qKgBNRIjmV6icaR9a5O964FCKP96MncBYfFL6ZsVfIbqf7AH9jN');
