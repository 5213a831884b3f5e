package com.acme;

public final class EnvConfig {
    public static final String BINANCE_API_KEY = System.getenv("BINANCE_API_KEY");
    public static final String BINANCE_SECRET_KEY = System.getenv("BINANCE_SECRET_KEY");
    public static final String BYBIT_API_KEY = System.getenv().getOrDefault("BYBIT_API_KEY", "");
}
