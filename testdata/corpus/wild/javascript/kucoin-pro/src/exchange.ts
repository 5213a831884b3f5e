import ccxt from 'ccxt';

export const kucoin = new ccxt.pro.kucoin({
  apiKey: 'fa071824c699b2925eaef069',
  secret: 'e0194ee1-ec59-4a7d-a197-6399a6c1233e',
  password: 'Harbor#7431d1q',
  enableRateLimit: true,
});

export async function watch(symbol = 'BTC/USDT') {
  while (true) {
    const book = await kucoin.watchOrderBook(symbol);
    console.log(book.bids[0], book.asks[0]);
  }
}
