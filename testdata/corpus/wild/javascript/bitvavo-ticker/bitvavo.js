const bitvavo = require('bitvavo')().options({
  APIKEY: '56c0260bf43d450f57157e7010339ffa77f8bdf73422658939d49e06add57090',
  APISECRET: 'f23481764f6a80bdfd1bb4d688afa3f59a272d700b7bb12a60782cb83847d9aaf1995062e15cd9882c76e0512c6ddc66d127cb6f878a2acca5915096e25aa848',
  ACCESSWINDOW: 10000,
  RESTURL: 'https://api.bitvavo.com/v2',
  WSURL: 'wss://ws.bitvavo.com/v2/',
  DEBUGGING: false,
});

bitvavo.getEmitter().on('error', (err) => console.error(err));

module.exports = bitvavo;
