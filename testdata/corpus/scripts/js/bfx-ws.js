const { WSv2 } = require('bitfinex-api-node')

const ws = new WSv2({
  apiKey: 'JhHHVxcUIqVjW5RIpLnv7Y6HysUc6LW5za3TmA8Yd7J',
  apiSecret: 'lvFgNbqtetuX9rX5dlaiOnyG5cN5zYHEwNPjkdywJV4',
  transform: true
})

ws.on('open', () => ws.auth())
ws.open()
