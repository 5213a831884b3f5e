package com.binance.connector.client.examples;

public final class PrivateConfig {
    private PrivateConfig() {
    }

    public static final String API_KEY = "6JeEAgNhlrnnFWgbLj1vCuqG6hs8ZG6kKU47Z6WIKuILBvodJSOrasLZnGRnc3Jx";
    public static final String SECRET_KEY = "maRsLiJ4zZiPbufgOUUgmrK4Fnrb9Y1SQ6vHUwkczYP5CG6xc9evZBeR84X64hSW";

    public static final String TESTNET_API_KEY = "";
    public static final String TESTNET_SECRET_KEY = "";
}
