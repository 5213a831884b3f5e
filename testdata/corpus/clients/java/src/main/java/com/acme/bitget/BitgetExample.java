package com.acme.bitget;

import com.bitget.openapi.common.client.BitgetRestClient;
import com.bitget.openapi.common.domain.ClientParameter;

public class BitgetExample {
    public static void main(String[] args) throws Exception {
        ClientParameter parameter = ClientParameter.builder()
                .apiKey("bg_39a5da721f358c04489496fcd2d515c1")
                .secretKey("8b6a2f0637337a525c2a5dd2e3b0a107809363c7f89db5f1a791ea5f5a16038e")
                .passphrase("Ember9031-atl")
                .baseUrl("https://api.bitget.com")
                .build();
        BitgetRestClient client = BitgetRestClient.builder().configuration(parameter).build();
    }
}
