region         = "ap-southeast-1"
instance_type  = "t3.small"

bitmart_api_key    = "282668212a4151e10808f7bc522093def79dbd69"
bitmart_api_secret = "4886d4b4d41bf5a6b3ac33621ca9b52a82f26f339aa75c5b472849c66eeb5036"
bitmart_memo       = "mm-xaym"
