package com.acme.kraken;

import edu.self.kraken.api.KrakenApi;

public class KrakenExample {
    public static void main(String[] args) throws Exception {
        KrakenApi api = new KrakenApi();
        api.setKey("hwDH5gA105r7jaJuA14krpei/ZZGpgh/qi3AhFYJKSngF+LBCjHTJunE");
        api.setSecret("YgiVSHg7Yx4VE+BzCe6ABA+6Lxnxvw2sA2PCiS923v2Y8iSJC4UGNq5M2yWf4mVktRLcZq9TJBRMHrYMXVLlLQ==");
        System.out.println(api.queryPrivate(KrakenApi.Method.BALANCE));
    }
}
