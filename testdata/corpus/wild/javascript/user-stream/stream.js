const WebSocket = require('ws');

// listenKey from POST /api/v3/userDataStream, valid 60 minutes
const listenKey = 'pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1';
const ws = new WebSocket(`wss://stream.binance.com:9443/ws/${listenKey}`);
ws.on('message', (m) => console.log(JSON.parse(m)));
