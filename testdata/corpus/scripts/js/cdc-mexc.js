const ccxt = require('ccxt');

const cryptocom = new ccxt.cryptocom({
  apiKey: 'UfGiARX8hc0Gg4yDQRWtZo',
  secret: 'nDYqGliyKnuvl933snqb3Q',
  enableRateLimit: true,
});

const mexc = new ccxt.mexc({
  apiKey: 'mx0XHlz5uqJRdYwV66',
  secret: '2e8abf3d861badf87af2768cab70773c',
  enableRateLimit: true,
});
