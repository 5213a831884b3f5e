package com.acme.bybit;

import com.bybit.api.client.config.BybitApiConfig;
import com.bybit.api.client.service.BybitApiClientFactory;

public class BybitExample {
    public static void main(String[] args) {
        var client = BybitApiClientFactory.newInstance("FftqBR80b1c3mFWYiY", "6APUhLVps2OK1qwJM0oYYiXYQuMTMFtDGJLD", BybitApiConfig.MAINNET_DOMAIN).newAccountRestClient();
        System.out.println(client.getWalletBalance(null));
    }
}
