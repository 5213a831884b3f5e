export const API_KEY = process.env.OKX_API_KEY || '';
export const SECRET_KEY = process.env.OKX_SECRET_KEY || 'your-okx-secret-key';
export const PASSPHRASE = process.env.OKX_PASSPHRASE || 'your-passphrase';
