"""Seed the local database with the demo accounts."""
import sqlite3

SEED = """
-- demo accounts for the dashboard
INSERT INTO exchange_accounts
    (owner, exchange, api_key, api_secret, is_testnet)
VALUES
    ('demo', 'bybit', 'Xk3mQp9RtVw2Lz8YbNc4', 'Hd7Fs2Kq9Wm4Px6Rt1Yv3Bn8Lc5Zj0Ga2Ue4Io7', 1),
    ('demo', 'binance', 'q7Vd2LpX9mWc4RtB8nKs1HyE6uZa3FjG0oTiN5bMxQwUeYrPlCvSkDhJgAf2Lz',
     'Zr8Kc1Wn6Tq3Hb9Xv2Lm7Pd4Fs0Jy5Ge8Ua1Ni6Ro3Mk9Et2Yw7Bx4Cz0Vh5Qa', 1);
"""


def seed(path: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(SEED)
        conn.execute("INSERT INTO exchange_accounts (owner, exchange, api_key, api_secret) VALUES (?, ?, ?, ?)", ("x", "y", "z", "w"))
