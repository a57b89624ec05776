"""File > Import TikTok data…: a preview that writes nothing, then the import on a thread."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from livetally.core.records import StreamRecord
from livetally.models.session import Session
from livetally.ui.tiktok_dialog import TikTokImportDialog
from tests.tiktok_fixtures import document, live, write_json, write_zip


def opened(session: Session, qtbot: QtBot, path: Path) -> TikTokImportDialog:
    dialog = TikTokImportDialog(session, path)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_the_preview_says_what_would_happen_and_writes_nothing(
    session: Session, qtbot: QtBot, tmp_path: Path
) -> None:
    typed = StreamRecord(started_at="2025-03-01T19:10:00Z", coins=1000, likes=5)
    session.ledger.add_stream(typed, session.profile())
    archive = write_zip(tmp_path / "export.zip", document([live(1), live(2), live(3)]))

    dialog = opened(session, qtbot, archive)
    with qtbot.waitSignal(dialog.worker.planned, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: dialog.state == "preview")

    assert dialog.status.text().startswith("2 new LIVEs")
    assert "500 diamonds, $25.00 for you" in dialog.status.text()
    preview = dialog.details.toPlainText()
    assert "Stream #1 (2025-03-01T19:10:00Z) is LIVE 1" in preview
    assert "differs on likes: yours 5, TikTok 1,001" in preview
    assert "no wallet section" in preview
    assert dialog.take_tiktok.isVisible()
    assert dialog.import_button.isVisible()
    assert len(session.ledger.streams()) == 1, "nothing written before Import"

    with qtbot.waitSignal(dialog.ended, timeout=20_000) as ended:
        dialog.import_button.click()
    assert ended.args == ["finished"]
    assert "2 LIVEs added" in dialog.status.text()
    streams = session.ledger.streams()
    assert len(streams) == 3
    assert streams[0].record.likes == 5, "the creator's own figure is kept"
    assert streams[0].record.views == 501, "and what they left empty is filled"


def test_a_bad_archive_says_so_and_imports_nothing(
    session: Session, qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"not a zip")
    dialog = opened(session, qtbot, bad)
    with qtbot.waitSignal(dialog.ended, timeout=20_000) as ended:
        pass
    assert ended.args == ["failed"]
    assert dialog.status.text().endswith("Nothing was imported.")
    assert dialog.close_button.isVisible()
    assert session.ledger.streams() == []


def test_an_archive_already_imported_offers_nothing_to_import(
    session: Session, qtbot: QtBot, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "user_data_tiktok.json", document([live(1)]))
    first = opened(session, qtbot, path)
    qtbot.waitUntil(lambda: first.state == "preview", timeout=20_000)
    with qtbot.waitSignal(first.ended, timeout=20_000):
        first.import_button.click()

    again = opened(session, qtbot, path)
    qtbot.waitUntil(lambda: again.state == "preview", timeout=20_000)
    assert again.status.text().startswith("0 new LIVEs")
    assert not again.import_button.isVisible()
    assert again.close_button.isVisible()
