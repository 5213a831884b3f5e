const bitvavo = require('bitvavo')().options({
  APIKEY: '8dc7de375c1e4bd0c9af17b26ade59242b8029f68d83934b23e80ba5e3375abc',
  APISECRET: '33931f7412e0496d041bb6057d77cb504d99048217484d22085922999a3fc37aa465bdec2e01b4fb3ecef457320116965d951187033012d620103e86a48c12be',
  ACCESSWINDOW: 10000,
  RESTURL: 'https://api.bitvavo.com/v2',
  WSURL: 'wss://ws.bitvavo.com/v2/',
  DEBUGGING: false
})
