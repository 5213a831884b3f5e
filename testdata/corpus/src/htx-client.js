const ccxt = require('ccxt');

const exchange = new ccxt.htx({
  apiKey: process.env.HUOBI_ACCESS_KEY,
  secret: process.env.HUOBI_SECRET_KEY,
});

module.exports = exchange;
