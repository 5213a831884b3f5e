object BybitConfig {
    val API_KEY: String = BuildConfig.BYBIT_API_KEY
    val API_SECRET: String = BuildConfig.BYBIT_API_SECRET
}
