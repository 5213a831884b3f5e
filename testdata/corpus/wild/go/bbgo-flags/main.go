package main

func init() {
	rootCmd.PersistentFlags().String("kucoin-api-key", "", "kucoin api key")
	rootCmd.PersistentFlags().String("kucoin-api-secret", "", "kucoin api secret")
	rootCmd.PersistentFlags().String("kucoin-api-passphrase", "", "kucoin api passphrase")
}
