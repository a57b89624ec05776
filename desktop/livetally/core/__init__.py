"""The engine: money, rates, conversions, gifts and payouts over plain values.

Nothing in here imports Qt or touches files, so every rule can be tested in isolation and
reused unchanged by the command line, the window and the ledger.
"""
