import asyncio, json
import websockets

msg = {
    "jsonrpc": "2.0",
    "id": 9929,
    "method": "public/auth",
    "params": {
        "grant_type": "client_credentials",
        "client_id": "gAlTtIDC",
        "client_secret": "2B89UJCVd98MVmOmXYzccsRTpAjK7gc5mILGV-K227E"
    }
}

async def call_api(msg):
    async with websockets.connect("wss://www.deribit.com/ws/api/v2") as websocket:
        await websocket.send(msg)
        print(await websocket.recv())

asyncio.get_event_loop().run_until_complete(call_api(json.dumps(msg)))
