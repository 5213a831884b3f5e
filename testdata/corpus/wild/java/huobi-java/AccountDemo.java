package com.huobi.examples;

import com.huobi.client.AccountClient;
import com.huobi.client.req.account.AccountBalanceRequest;
import com.huobi.constant.HuobiOptions;

public class AccountDemo {

  public static void main(String[] args) {
    AccountClient accountService = AccountClient.create(HuobiOptions.builder()
        .apiKey("yt5kn9n5-3mfvkhe88k-ee674b12-de5ce")
        .secretKey("08d1926f-d39da6b9-da5446d9-85741")
        .build());

    accountService.getAccounts().forEach(account ->
        System.out.println(accountService.getAccountBalance(AccountBalanceRequest.builder()
            .accountId(account.getId())
            .build())));
  }
}
