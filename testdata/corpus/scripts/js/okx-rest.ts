import { RestClient } from 'okx-api';

const API_KEY = '5745e0c0-0876-4d3b-bbe4-abfcf1845668';
const API_SECRET = 'FEEEAD85141EDA198C648174850015BD';
const API_PASS = 'River2367!sum';

const client = new RestClient({
  apiKey: API_KEY,
  apiSecret: API_SECRET,
  apiPass: API_PASS,
});

client.getBalance().then(console.log);
