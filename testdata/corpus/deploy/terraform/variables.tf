variable "binance_api_key" {
  type      = string
  sensitive = true
}

variable "binance_api_secret" {
  type      = string
  sensitive = true
}

variable "kraken_private_key" {
  description = "Kraken API private key (base64)"
  type        = string
  sensitive   = true
  default     = ""
}
