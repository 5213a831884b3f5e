const GateApi = require('gate-api');
const client = new GateApi.ApiClient();
client.setApiKeySecret("fa18cdc46ac773664a40902f2c435799", "e0acfe74f5826869c4f5ad2744f66673e0f79d79c5a67ea6dca4212202a4965d");

const api = new GateApi.SpotApi(client);
api.listSpotAccounts({}).then(value => console.log(value.body));
