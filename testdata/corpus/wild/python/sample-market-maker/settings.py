from os.path import join
import logging

########################################################################################################################
# Connection/Auth
########################################################################################################################

# API URL.
BASE_URL = "https://www.bitmex.com/api/v1/"

# The BitMEX API requires permanent API keys. Go to https://www.bitmex.com/app/apiKeys to fill these out.
API_KEY = "k8W28vDAlZou0tUTTy50XapS"
API_SECRET = "Gx2EdFbhO5k4hAetNsYrk8OcqBp9SBC24X3MuyBBpJrgG9Ku"

########################################################################################################################
# Order Size & Spread
########################################################################################################################

ORDER_PAIRS = 6
ORDER_START_SIZE = 100
ORDER_STEP_SIZE = 100
INTERVAL = 0.005
LOG_LEVEL = logging.INFO
