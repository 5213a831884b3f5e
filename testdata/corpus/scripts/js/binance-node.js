import Binance from 'binance-api-node'

const client = Binance({
  apiKey: 'onJ7s82ZNIB2kukHFpYzI8cmauK7S10dJwYmAx9KWAsvLlCxfKNvdpNnGKHglSH8',
  apiSecret: 'jz5WRtjZziR4YgiiQ9r2rhJfJ7ztL7dHTsjtPmpZgJ718M9CKaX3o5QemKsRFM3F',
})

console.log(await client.accountInfo())
