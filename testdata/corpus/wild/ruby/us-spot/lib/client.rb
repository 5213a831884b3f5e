require 'binance'

client = Binance::Spot.new(
  key: 'r2uQRA8yDg9iq5huiGWbxseKYiVnZFIlShU5CtKQQU6eaFXGhkALi0tRWPwcvifP',
  secret: 'Or0zz2wo49Qtp1fcI3BUB4Ved9Wluouy2aHeuHfSkIhwx4sYboB90rHYQBxPUl7j',
  base_url: 'https://api.binance.us'
)

puts client.account[:balances].reject { |b| b[:free].to_f.zero? }
