const Binance = require('node-binance-api');

const binance = new Binance().options({
  APIKEY: 'kRzqSXppGdhH2wJZCIGIM5qZrtXrvBcPSbsHhm9BeuD433ZA8XatzJoLQRJ0Fslo',
  APISECRET: 'feVyPlyJPj7qsbGgCGLQx6E787IVf6E5rr1vhcHokNKF2KtVk2WArTsbG3m91s6G',
  useServerTime: true,
  recvWindow: 60000,
});

binance.balance((error, balances) => {
  if (error) return console.error(error);
  console.info('USDT balance: ', balances.USDT.available);
});
