import ccxt from 'ccxt';

export const kucoin = new ccxt.pro.kucoin({
  apiKey: process.env.KUCOIN_API_KEY,
  secret: process.env.KUCOIN_SECRET,
  password: 'YOUR_API_PASSWORD',
});
