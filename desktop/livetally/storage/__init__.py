"""The ledger layer (SQLite): streams, income entries and payouts, backups and CSV.

Like ``core`` and ``settings`` it never imports Qt (an import-linter contract in
pyproject.toml), so the command line and the window share one tested store.
"""
