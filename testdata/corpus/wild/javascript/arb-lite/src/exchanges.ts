export const exchangeConfigs = {
  bybit_main: { exchange: 'bybit', apiKey: process.env.BYBIT_API_KEY ?? '', secret: process.env.BYBIT_API_SECRET ?? '' },
  binance_spot: { exchange: 'binance', apiKey: process.env.BINANCE_API_KEY ?? 'demo', secret: process.env.BINANCE_API_SECRET ?? 'demo' },
};
