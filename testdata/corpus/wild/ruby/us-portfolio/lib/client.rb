client = Binance::Spot.new(key: ENV['BINANCE_PUBLIC_API_KEY'], secret: ENV['BINANCE_PRIVATE_API_KEY'], base_url: 'https://api.binance.us')
