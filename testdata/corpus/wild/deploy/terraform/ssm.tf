resource "aws_ssm_parameter" "cryptocom_api_key" {
  name  = "/tradebot/prod/cryptocom/api_key"
  type  = "SecureString"
  value = "rXvUd0vMbsLFS9ScgGkF2K"
}

resource "aws_ssm_parameter" "cryptocom_api_secret" {
  name  = "/tradebot/prod/cryptocom/api_secret"
  type  = "SecureString"
  value = "LfHkRrvVvehzg9vjJ3UQHp"
}
