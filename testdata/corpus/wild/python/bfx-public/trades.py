import os
from bfxapi import Client

bfx = Client(API_KEY=os.getenv("BFX_KEY"), API_SECRET=os.getenv("BFX_SECRET"))
trades = [(1469302841, 1716890422000, 0.0043, 68412.0), (1469302842, 1716890422113, -0.12, 68411.0)]
