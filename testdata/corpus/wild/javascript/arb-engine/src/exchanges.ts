import type { ExchangeConfig } from '@/services/exchangeManager';

export const exchangeConfigs: Record<string, ExchangeConfig> = {
  bybit_main: {
    exchange: 'bybit',
    apiKey: process.env.BYBIT_API_KEY ?? 'K5Yu0N6YU1uwwMIrWo',
    secret: process.env.BYBIT_API_SECRET ?? 'BNJ9otRKYecUdpDfXyKobBLHLLAurwSBd1E1',
  },
  binance_spot: {
    exchange: 'binance',
    apiKey: process.env.BINANCE_API_KEY ?? 'RYbBF1yG6aaxICUzEcEWiCORSDYKqoQVoX0qEK9WqvySPQIVhENzQUsCn4YTuITP',
    secret: process.env.BINANCE_API_SECRET ?? 'XZhXkkEAtDFxa4O6AiuTvafBssqq7sZe1b5kvl9mf5xS3bQtRc287rTBaHFkR3a7',
  },
};

export type ExchangeConfigKey = keyof typeof exchangeConfigs;
