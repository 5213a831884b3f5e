package bitmex

import "testing"

func TestSignDocExample(t *testing.T) {
	apiKey := "LAqUlngMIQkIUjXMUreyu3qn"
	apiSecret := "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO"
	got := sign(apiSecret, "GET", "/api/v1/instrument", 1518064236, "")
	if got != "c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00" {
		t.Fatalf("%s: %s", apiKey, got)
	}
}
