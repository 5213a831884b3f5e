// BitMEX API key usage page: the worked examples, reproduced.
const assert = require('assert');
const { signature } = require('../../src/bitmex/sign');

const apiKey = 'LAqUlngMIQkIUjXMUreyu3qn';
const apiSecret = 'chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO';

assert.strictEqual(signature(apiSecret, 'GET', '/api/v1/instrument', 1518064236, ''),
  'c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00');
assert.strictEqual(signature(apiSecret, 'GET', '/api/v1/instrument?filter=%7B%22symbol%22%3A+%22XBTM15%22%7D', 1518064237, ''),
  'e2f422547eecb5b3cb29ade2127e21b858b235b386bfa45e1c1756eb3383919f');
