const ccxt = require('ccxt');

const exchange = new ccxt.phemex({
  apiKey: process.env.PHEMEX_API_KEY,
  secret: process.env.PHEMEX_API_SECRET,
});

module.exports = exchange;
