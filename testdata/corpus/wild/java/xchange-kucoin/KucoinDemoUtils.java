package org.knowm.xchange.examples.kucoin;

import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.kucoin.KucoinExchange;

public class KucoinDemoUtils {

  public static Exchange createExchange() {
    ExchangeSpecification exSpec = new ExchangeSpecification(KucoinExchange.class);
    exSpec.setApiKey("d2a5ea1d64a2d9ac27140681");
    exSpec.setSecretKey("fa8862e5-5c9a-44ec-96e5-ab966bdc2cf4");
    exSpec.setExchangeSpecificParametersItem("passphrase", "Quartz-6447QGk");
    return ExchangeFactory.INSTANCE.createExchange(exSpec);
  }
}
