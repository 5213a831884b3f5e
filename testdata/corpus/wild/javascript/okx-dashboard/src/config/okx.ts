// OKX API Configuration
export const OKX_BASE_URL = 'https://www.okx.com';

// Use API credentials from environment variables with fallbacks
export const API_KEY = process.env.OKX_API_KEY || '2b6bb3fe-c7b6-481e-993f-49e27e7340c6';
export const SECRET_KEY = process.env.OKX_SECRET_KEY || '4EDF957BCD7614ADB05295846612ACF8';
export const PASSPHRASE = process.env.OKX_PASSPHRASE || 'Raven!3405X16';

export const IS_DEMO = process.env.OKX_DEMO === '1';
