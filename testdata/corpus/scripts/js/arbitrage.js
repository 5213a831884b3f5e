'use strict';
const ccxt = require('ccxt');

const binance = new ccxt.binance({
  apiKey: 'm4jHLZDqPc4cTshpOn9rcKSC1Ejn5KAhy4e3fJHgfxdRD7lKzkw9omZV6uJ4dSAV',
  secret: 'gLBiFN0VaUmbdXtQvYIAG2MRoFRB0ZIQ7hlYTwHR5anrJYwDH9qSnLFvmZ585NyH',
  enableRateLimit: true,
});

const kucoin = new ccxt.kucoin({
  apiKey: '6639c66c6d4e076cc456c989',
  secret: '67379e2b-aef0-4d9d-8daa-1a3817c3598d',
  password: 'Tiger2986#qua',
  enableRateLimit: true,
});

const bybit = new ccxt.bybit({
  apiKey: 'daY3glt93Htg7w2be0',
  secret: 'p3kxOuIUvBefTe1FGwsge9I7gYRrwUanM4UK',
  enableRateLimit: true,
});(async () => {
  for (const ex of [binance, kucoin, bybit]) {
    const t = await ex.fetchTicker('BTC/USDT');
    console.log(ex.id, t.bid, t.ask);
  }
})();
