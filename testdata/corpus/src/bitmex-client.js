const ccxt = require('ccxt');

const exchange = new ccxt.bitmex({
  apiKey: process.env.BITMEX_API_KEY,
  secret: process.env.BITMEX_API_SECRET,
});

module.exports = exchange;
