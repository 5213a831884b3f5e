param([string]$AccessKey, [string]$SecretKey)
[Environment]::SetEnvironmentVariable("HUOBI_ACCESS_KEY", $AccessKey, "User")
[Environment]::SetEnvironmentVariable("HUOBI_SECRET_KEY", $SecretKey, "User")
