const ccxt = require('ccxt');
const exchange = new ccxt.bitmart({ apiKey: process.env.BITMART_API_KEY, secret: process.env.BITMART_SECRET, uid: 'YOUR_MEMO' });
