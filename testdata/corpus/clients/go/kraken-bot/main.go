package main

import (
	"fmt"

	krakenapi "github.com/beldur/kraken-go-api-client"
)

func main() {
	api := krakenapi.New("woCzLUajf3+q7rK3TdO0XVF/G2x3VgaoQp6AIO1t9rUrA+moGUamw0YF", "fuPPsr3ZzimjoEf88j8MieVojWbDFPsnYi/4x2aVhLTZVXWoK7zJBbkLnhWNoMYI3pKSDGkybERniO1DxjUC0Q==")
	balance, err := api.Balance()
	fmt.Println(balance, err)
}
