const ccxt = require('ccxt');

const exchange = new ccxt.okx({
  apiKey: process.env.OKX_API_KEY,
  secret: process.env.OKX_SECRET_KEY,
  password: process.env.OKX_PASSPHRASE,
});

module.exports = exchange;
