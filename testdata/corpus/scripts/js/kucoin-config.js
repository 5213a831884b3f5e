const API = require('kucoin-node-sdk');

API.init({
  baseUrl: 'https://api.kucoin.com',
  apiAuth: {
    key: '66d931afa1e09840f464cf0f',
    secret: 'c3146b56-4beb-4109-80bd-6894a296fdb0',
    passphrase: 'tigerAtlas84#',
  },
  authVersion: 2,
});
