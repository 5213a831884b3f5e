var c = module.exports = {}

// mongo configuration
c.mongo = {}
c.mongo.db = 'zenbot4'
c.mongo.connectionString = 'mongodb://localhost:27017/zenbot4'

// default selector. only used if omitting [selector] argument from a command.
c.selector = 'kraken.XXBT-ZEUR'
// name of default trade strategy
c.strategy = 'trend_ema'

// Exchange API keys:

// to enable Kraken trading, enter your API credentials:
c.kraken = {}
c.kraken.key = '/J8L0ZhizqFci6LHG2OM4GJlKqUnG/HURxhAM8Tl6Bltkm7U6VDoeC6Q'
c.kraken.secret = 'oOJ+Z0cspKeZf2IRdogG0i+EfSJxLrOdpXrTcBa2j5Vox9nUiAbYhJt1c3jr8f2YB8xuwVdXLuch1sLf60e+9Q=='
// Please read API TOS on https://www.kraken.com/u/settings/api
c.kraken.tosagree = 'agree'
