public class KucoinExamplesUtils {
  public static ExchangeSpecification spec() {
    ExchangeSpecification exSpec = new ExchangeSpecification(KucoinExchange.class);
    exSpec.setApiKey(System.getProperty("kucoin-api-key"));
    exSpec.setSecretKey(System.getProperty("kucoin-api-secret"));
    exSpec.setExchangeSpecificParametersItem("passphrase", System.getProperty("kucoin-api-passphrase"));
    return exSpec;
  }
}
