import { RestClientV5 } from 'bybit-api';

const client = new RestClientV5({
  key: 'FNOXjdzw0L22aDu0vl',
  secret: 'PEXbeZeflefQRsMLam6AU1Uk1PMBOe12SBhG',
  testnet: false,
});

client.getWalletBalance({ accountType: 'UNIFIED' }).then(console.log);
