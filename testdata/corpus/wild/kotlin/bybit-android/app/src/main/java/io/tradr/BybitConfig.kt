package io.tradr

import com.bybit.api.client.config.BybitApiConfig
import com.bybit.api.client.service.BybitApiClientFactory

object BybitConfig {
    const val API_KEY = "o3Rm6YJsA0MCAOtd4j"
    const val API_SECRET = "HUNFJL7szQYzWew55ZTbkHuUtzBvcA3TEItS"

    val client by lazy {
        BybitApiClientFactory.newInstance(API_KEY, API_SECRET, BybitApiConfig.MAINNET_DOMAIN).newTradeRestClient()
    }
}
