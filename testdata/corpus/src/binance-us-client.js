const ccxt = require('ccxt');

const exchange = new ccxt.binanceus({
  apiKey: process.env.BINANCE_US_API_KEY,
  secret: process.env.BINANCE_US_API_SECRET,
});

module.exports = exchange;
