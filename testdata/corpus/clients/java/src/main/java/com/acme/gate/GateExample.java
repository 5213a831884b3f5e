package com.acme.gate;

import io.gate.gateapi.ApiClient;
import io.gate.gateapi.api.SpotApi;

public class GateExample {
    public static void main(String[] args) throws Exception {
        ApiClient client = new ApiClient();
        client.setApiKeySecret("4b07af1d8a152b981de872fbf698755f", "4912a329c65848e32353e37ef2b35b030fd264b599d9da96262e07057696c826");
        SpotApi api = new SpotApi(client);
        System.out.println(api.listSpotAccounts().execute());
    }
}
