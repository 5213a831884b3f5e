from os.path import join
import logging

########################################################################################################################
# Connection/Auth
########################################################################################################################

# API URL.
BASE_URL = "https://www.bitmex.com/api/v1/"

# The BitMEX API requires permanent API keys. Go to https://www.bitmex.com/app/apiKeys to fill these out.
API_KEY = "q3FOdrM4LsshTWvJ5Mm3oHrS"
API_SECRET = "KjGpBPEPX3Mxv3DDIeJlKusrb4Inz5ipIFu_ktmxZ7rVfMGP"

########################################################################################################################
# Target
########################################################################################################################

# Instrument to market make on BitMEX.
SYMBOL = "XBTUSD"
