package com.acme.kucoin;

import com.kucoin.sdk.KucoinClientBuilder;
import com.kucoin.sdk.KucoinRestClient;

public class KucoinExample {
    public static void main(String[] args) throws Exception {
        KucoinRestClient kucoinRestClient = new KucoinClientBuilder()
                .withBaseUrl("https://openapi-v2.kucoin.com")
                .withApiKey("64b797cd40e91835e8ade97d", "8b319471-136f-4935-b5d6-757fce1afaa0", "DbuM_Z6xE!P5SN")
                .buildRestClient();
        System.out.println(kucoinRestClient.accountAPI().listAccounts(null, null));
    }
}
