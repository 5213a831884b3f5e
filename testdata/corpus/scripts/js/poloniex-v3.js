const crypto = require('crypto');
const axios = require('axios');

const POLONIEX_API_KEY = 'FCL6QZ5K-HKFGTWBC-LL7CG4Y2-X2VLQSOK';
const POLONIEX_API_SECRET = '0ff2aed61cac98c36560c9b5a7a645ba675d10135aff2a99f1f0f6109ebed5b382237b142e7bf9ff8cfe08d741d9cc6fd93b401a81d6c5fe17ed3e8120dc192a';

async function signedGet(path) {
  const ts = Date.now();
  const payload = `GET\n${path}\nsignTimestamp=${ts}`;
  const signature = crypto.createHmac('sha256', POLONIEX_API_SECRET).update(payload).digest('base64');
  const headers = { key: POLONIEX_API_KEY, signTimestamp: ts, signature };
  return (await axios.get(`https://api.poloniex.com${path}`, { headers })).data;
}

signedGet('/accounts').then(console.log);
