"""What every command starts from: the data home and the settings in it."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from livetally.core.gifts import GiftCatalog
from livetally.datahome import DataHome, prepare_data_home, resolve_data_home
from livetally.settings.document import SettingsFile
from livetally.settings.gift_file import load_gift_catalog
from livetally.storage.errors import NeedsUpgradeError
from livetally.storage.ledger import Ledger


@dataclass(frozen=True)
class CommandContext:
    home: DataHome
    settings_file: SettingsFile

    @classmethod
    def open(cls, args: argparse.Namespace) -> CommandContext:
        home = prepare_data_home(resolve_data_home(args.data_dir))
        return cls(home, SettingsFile.load(home.settings_path))

    def gift_catalog(self) -> GiftCatalog:
        return load_gift_catalog(self.home.gifts_path)

    def ledger(self) -> Ledger:
        """The ledger, for a command that changes it (takes the data home's lock)."""
        return Ledger.open(self.home.database_path, self.home.backups_dir)

    def ledger_to_read(self) -> Ledger:
        """The ledger for reading: no lock, so it works while the window is open.

        A data home with no ledger yet gets an empty one, and a ledger from an older
        LiveTally is upgraded first; both need a moment of writing.
        """
        path, backups = self.home.database_path, self.home.backups_dir
        if path.exists():
            try:
                return Ledger.open(path, backups, writable=False)
            except NeedsUpgradeError:
                pass
        Ledger.open(path, backups).close()
        return Ledger.open(path, backups, writable=False)
