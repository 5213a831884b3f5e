const ccxt = require('ccxt');

const exchange = new ccxt.bitvavo({
  apiKey: process.env.BITVAVO_API_KEY,
  secret: process.env.BITVAVO_API_SECRET,
});

module.exports = exchange;
