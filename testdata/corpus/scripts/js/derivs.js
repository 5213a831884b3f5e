const ccxt = require('ccxt');

const deribit = new ccxt.deribit({
  apiKey: 'jF8uZL94',
  secret: 'pCmQHzYAp-dIkbxXQHoK6ibH3sNn_bSCcGk-5t_q9HQ',
  enableRateLimit: true,
});

const phemex = new ccxt.phemex({
  apiKey: '214465ea-ecf6-432c-b63c-dfe8cc3e0172',
  secret: 'mjSsyZIcZ1zH5bVIAJUWzprRa9mAAAVPlpld2aoDrck-dBNietKZXLs-v1BfKqVEM2kD4tqVy6ZvvElj-OYcSQ',
  enableRateLimit: true,
});

const bitmex = new ccxt.bitmex({
  apiKey: 'lbM3cqEHpz0SMemb7xrD3R79',
  secret: 'NopEpwRWzL3_hH1034rA6vqhpDu2CAlkfs-Jbgf3UaXf5yCX',
  enableRateLimit: true,
});
