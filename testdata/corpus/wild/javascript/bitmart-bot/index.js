const ccxt = require('ccxt');

const exchange = new ccxt.bitmart({
    apiKey: '0736b0479ea797b49766d99e4846384a777e20a9',
    secret: 'addfe634168eb44c75d431703e5c62e5b617e400a773c8aa1daf9f9e594b4deb',
    uid: 'arb-8ifg',
    enableRateLimit: true,
});

(async () => {
    const balance = await exchange.fetchBalance();
    console.log(balance.total);
})();
