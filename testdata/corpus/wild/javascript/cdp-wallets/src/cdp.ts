import { CdpClient } from "@coinbase/cdp-sdk";

// apiKeyId: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' or 'organizations/{org_id}/apiKeys/{key_id}'
export const cdp = new CdpClient({
  apiKeyId: process.env.CDP_API_KEY_ID,
  apiKeySecret: process.env.CDP_API_KEY_SECRET,
});
