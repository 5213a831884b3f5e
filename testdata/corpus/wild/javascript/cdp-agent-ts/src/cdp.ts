import { CdpClient } from "@coinbase/cdp-sdk";

export const cdp = new CdpClient({
  apiKeyId: "organizations/04ca6fcb-df59-4513-b02f-435a14f63933/apiKeys/9179c155-422c-4373-a164-0662b7e77485",
  apiKeySecret: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFKoEkoPFKLVqa6pBjGJRVahAQX7LJfcVgeBJpCr2JQNoAoGCCqGSM49\nAwEHoUQDQgAEQtbWXnhZfyDTGWC3b2QdJwv96je3eNnuoJeJ56c0EqBGNDrW9X1T\nH2YU+X58GmknLVQNF/bfi0yNLc7gtrVSNA==\n-----END EC PRIVATE KEY-----\n",
  walletSecret: process.env.CDP_WALLET_SECRET,
});

export async function newAccount() {
  const account = await cdp.evm.createAccount();
  return account.address;
}
