variable "bitmart_api_key" {
  type      = string
  sensitive = true
}

variable "bitmart_memo" {
  type    = string
  default = "tradebot"
}

resource "aws_ssm_parameter" "bitmart_api_key" {
  name  = "/tradebot/prod/bitmart/api_key"
  type  = "SecureString"
  value = var.bitmart_api_key
}
