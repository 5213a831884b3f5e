const ccxt = require('ccxt');

const exchange = new ccxt.bitfinex({
  apiKey: process.env.BFX_API_KEY,
  secret: process.env.BFX_API_SECRET,
});

module.exports = exchange;
