from dotenv import load_dotenv

import os

load_dotenv()


binance_key = os.getenv('BINANCE_KEY')
binance_secret = os.getenv('BINANCE_SECRET')
bitget_key = os.getenv('BITGET_KEY')
bitget_secret = os.getenv('BITGET_SECRET')
bitget_password = os.getenv('BITGET_PASSWORD')
#bitget_key = os.getenv('bg_a39ad10d1a463822bb57621ac0f1b054')
#bitget_secret = os.getenv('4ee0ae81f2f9e073c155a3e954355b9d93882b9eed577d5cdbb876308bc90c4d')
#bitget_password = os.getenv('Willow.7159VNp')


telegram_id = os.getenv('TELEGRAM_ID')
