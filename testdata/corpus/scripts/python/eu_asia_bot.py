import ccxt

bitvavo = ccxt.bitvavo({
    'apiKey': '6a19b1436efcb60962449fcb353492da3fe06c40c31995cc78f8727aba7499c6',
    'secret': '17de8d6eca366e727e6c5d094e7de3808e836c4b202a704f5dfccf00495fc9eeaa052452c042291fe8b710f7acd8b4dda57c2a6975970d66c476db768353e8bb',
    'enableRateLimit': True,
})

poloniex = ccxt.poloniex({
    'apiKey': 'Y7WKPNYX-NJ8GCMQ2-1FQQ5D0H-XQ8JXKUT',
    'secret': 'c9e58857922ea89e99afb159c231f5f64c71fd77120eab3cdf43e0e553f0e4f4589ee89a1cd119dd0fa037ccfdcc397c0a4942601d773c6a48f93149734af614',
    'enableRateLimit': True,
})

upbit = ccxt.upbit({
    'apiKey': 'twSSK7CvX9L9sf3oWpu9RjOyKKiMNuO7mtigqB2w',
    'secret': 'LkXYYlFSRM8oOhNT8RSipEnrEvhcgraZcOl6SFdS',
    'enableRateLimit': True,
})

cdc = ccxt.cryptocom({
    'apiKey': 'zimdyWkSRk7CmZN1ENTP3g',
    'secret': 'DbpGXYPBjj5cGFwjnOaowv',
    'enableRateLimit': True,
})
