import crypto from 'crypto';

export class PoloniexClient {
  private readonly baseUrl = 'https://api.poloniex.com';
  private readonly apiKey = 'JFXLJZHZ-5S04O707-4TAFDPZL-JILPL5UN';
  private readonly apiSecret = '358fa1a90722b7d057c263336960dc2182302add3ea766cfd135ee5cff627155971bb3ef30a30abc7a3fafb31a10242df182cc6c0216a4bb3901d039b271ccf6';

  private sign(method: string, path: string, params: string): string {
    const payload = `${method}\n${path}\n${params}`;
    return crypto.createHmac('sha256', this.apiSecret).update(payload).digest('base64');
  }

  async balances(): Promise<unknown> {
    const ts = Date.now().toString();
    const res = await fetch(`${this.baseUrl}/accounts/balances`, {
      headers: { key: this.apiKey, signTimestamp: ts, signature: this.sign('GET', '/accounts/balances', `signTimestamp=${ts}`) },
    });
    return res.json();
  }
}
