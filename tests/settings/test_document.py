"""Saving settings: comments and layout survive, writes are atomic, nothing is clobbered."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from livetally import files as atomic
from livetally.settings.document import SettingsFile
from livetally.settings.errors import SettingsError
from livetally.settings.read import read_settings


def test_changing_a_country_keeps_every_comment_and_line(settings_path: Path) -> None:
    original = settings_path.read_text(encoding="utf-8")
    edited = SettingsFile.load(settings_path).with_country_figures(
        "DE", {"diamond_usd": Decimal("0.0045")}, note="calibrated"
    )
    edited.save()
    text = settings_path.read_text(encoding="utf-8")
    assert text.startswith(original.split("[countries.FR]")[0].rstrip("\n"))
    assert 'currency = "EUR"\ndiamond_usd = 0.0045  # calibrated\n' in text
    assert text.replace("diamond_usd = 0.0045  # calibrated\n", "", 1) == original
    assert read_settings(settings_path).profile("DE").diamond_usd == Decimal("0.0045")
    assert read_settings(settings_path).profile("FR").diamond_usd == Decimal("0.05")


def test_replacing_a_value_keeps_its_inline_comment(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(
        'currency = "GBP"', 'currency = "GBP"\ndiamond_usd = 0.04   # my own note'
    )
    settings_path.write_text(text, encoding="utf-8")
    SettingsFile.load(settings_path).with_country_figures(
        "GB", {"diamond_usd": Decimal("0.0061")}, note="ignored: the line has a comment"
    ).save()
    assert "diamond_usd = 0.0061   # my own note\n" in settings_path.read_text(encoding="utf-8")


def test_values_are_written_as_their_decimal_text(settings_path: Path) -> None:
    edited = SettingsFile.load(settings_path).with_country_figures(
        "US", {"diamond_usd": Decimal("0.00500000"), "diamonds_per_coin": Decimal("1E-1")}
    )
    assert "diamond_usd = 0.005\n" in edited.text
    assert "diamonds_per_coin = 0.1\n" in edited.text


def test_an_edit_that_breaks_a_rule_is_refused_before_writing(settings_path: Path) -> None:
    before = settings_path.read_bytes()
    loaded = SettingsFile.load(settings_path)
    with pytest.raises(SettingsError, match=r"countries\.US\.diamond_usd: .*share of 500\.0%"):
        loaded.with_country_figures("US", {"diamond_usd": Decimal("0.5")})
    assert settings_path.read_bytes() == before


def test_unknown_country_section(settings_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"has no \[countries\.XX\] section"):
        SettingsFile.load(settings_path).with_country_figures("XX", {"diamond_usd": Decimal(1)})


def test_a_file_changed_by_someone_else_is_not_overwritten(settings_path: Path) -> None:
    edited = SettingsFile.load(settings_path).with_country_figures(
        "US", {"diamond_usd": Decimal("0.04")}
    )
    outside = settings_path.read_text(encoding="utf-8") + "\n# edited in a text editor\n"
    settings_path.write_text(outside, encoding="utf-8")
    with pytest.raises(SettingsError, match="changed by another program"):
        edited.save()
    assert settings_path.read_text(encoding="utf-8") == outside


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = settings_path.read_bytes()
    edited = SettingsFile.load(settings_path).with_country_figures(
        "US", {"diamond_usd": Decimal("0.04")}
    )

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        edited.save()
    assert settings_path.read_bytes() == before
    assert sorted(p.name for p in settings_path.parent.iterdir()) == ["settings.toml"]


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_saving_keeps_the_file_permissions(settings_path: Path) -> None:
    settings_path.chmod(0o600)
    SettingsFile.load(settings_path).with_country_figures(
        "US", {"diamond_usd": Decimal("0.04")}
    ).save()
    assert settings_path.stat().st_mode & 0o777 == 0o600
