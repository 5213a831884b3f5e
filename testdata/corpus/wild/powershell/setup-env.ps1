# Persist the HTX keys for the current user (run once)
[Environment]::SetEnvironmentVariable("HUOBI_ACCESS_KEY", "r57b99ma-2qsp4lon1p-9d75f606-a64b6", "User")
[Environment]::SetEnvironmentVariable("HUOBI_SECRET_KEY", "e0dab58e-4ede413e-421f68e4-0a7e8", "User")
[Environment]::SetEnvironmentVariable("HUOBI_HOST", "api.huobi.pro", "User")
Write-Host "HTX keys saved; open a new terminal."
