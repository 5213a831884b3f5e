import pyupbit

upbit = pyupbit.Upbit("THiL7n0OrYMFYo0tgTHLaYFXxu0bkmvdtMTLJxSF", "FyIIaIvaj1JmhQvNx9WiJTIAbHUqIW67vltUjPeL")
print(upbit.get_balances())
