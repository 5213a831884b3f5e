import GeminiAPI from 'gemini-api';

const key = 'account-XICcZZP1udc6912GdP0x';
const secret = '7y2aQnZ2Pk3ujWWnJ7fbq4vea2RR';
const restClient = new GeminiAPI({ key, secret, sandbox: false });

restClient.getMyAvailableBalances().then(console.log);
