"""The ledger layer (SQLite): streams, income entries and payouts.

It holds no code yet; the package exists so the import contracts in pyproject.toml cover
it from the first line written here: like ``core`` and ``settings``, it never imports Qt.
"""
