package com.acme.okx;

import com.okex.open.api.config.APIConfiguration;

public class OkxConfig {
    public static APIConfiguration config() {
        APIConfiguration config = new APIConfiguration();
        config.setEndpoint("https://www.okx.com/");
        config.setApiKey("d5423ca9-ab82-4936-a6d5-1c308e79888d");
        config.setSecretKey("8A7A418115666277761403C51943895B");
        config.setPassphrase("Tiger8494-map");
        config.setPrint(true);
        return config;
    }
}
