package main

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/c9s/bbgo/pkg/exchange/kucoin/kucoinapi"
)

func init() {
	rootCmd.PersistentFlags().String("kucoin-api-key", "3a46d61ea22c284dec27a13f", "kucoin api key")
	rootCmd.PersistentFlags().String("kucoin-api-secret", "99fcd442-f467-4d81-8367-3506aed771d9", "kucoin api secret")
	rootCmd.PersistentFlags().String("kucoin-api-passphrase", "Delta#4665Hd2", "kucoin api passphrase")
}

var client *kucoinapi.RestClient

var rootCmd = &cobra.Command{
	Use:          "kucoin",
	Short:        "kucoin",
	SilenceUsage: true,
	PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
		client = kucoinapi.NewClient()
		client.Auth(viper.GetString("kucoin-api-key"), viper.GetString("kucoin-api-secret"), viper.GetString("kucoin-api-passphrase"))
		return nil
	},
}

func main() {
	_ = rootCmd.ExecuteContext(context.Background())
}
