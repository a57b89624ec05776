"""What every command starts from: the data home and the settings in it."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from livetally.core.gifts import GiftCatalog
from livetally.datahome import DataHome, prepare_data_home, resolve_data_home
from livetally.settings.document import SettingsFile
from livetally.settings.gift_file import load_gift_catalog


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
