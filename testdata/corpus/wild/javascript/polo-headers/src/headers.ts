export class PoloniexHeaders {
  private readonly keyHeader = 'key';
  private readonly signatureHeader = 'signature';
  private readonly apiKey = process.env.POLONIEX_API_KEY ?? '';
  private readonly lastRequestId = '3e303cd2-4d97-4ba7-b709-3ba386aefe76';
}
