import { RestClientV2 } from 'bitget-api';

const client = new RestClientV2({
  apiKey: 'bg_fc7076d51c7877caa01b8b2e8ffb4f08',
  apiSecret: 'a152783aab6a1206dc924a38eebe87ea6e80411f294a81e05e6b73602e0ca0de',
  apiPass: 'deltaEmber76#',
});

const res = await client.getFuturesAccountAssets({ productType: 'USDT-FUTURES' });
console.log(res.data);
