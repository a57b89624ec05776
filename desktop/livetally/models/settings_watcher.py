"""Noticing when settings.toml is edited outside the app.

The file is meant to be edited by hand, so the window follows it: a good edit is read,
checked and handed over to replace the session's settings; a broken one is reported
(file, line, field, what is wrong) while the last good settings stay in use, so a
half-typed edit never stops the app.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from livetally.models.session import Session
from livetally.settings.document import SettingsFile
from livetally.settings.errors import SettingsError
from livetally.settings.source import read_text

#: Editors write in bursts (temp file, rename, chmod); one look after the burst is enough.
DEBOUNCE_MS = 300

_Signature = tuple[int, int, int] | None


class SettingsWatcher(QObject):
    """Watches the session's settings file and reports each change made outside the app.

    ``reloaded(SettingsFile)`` carries a good external edit, already read and checked;
    the receiver adopts it (``session.adopt_settings``), so it can decide when. It is
    also sent when a broken file is put back to exactly what the session uses, so a shown
    error can be cleared. ``failed(str)`` carries ``FILE:LINE: field: message``, and
    nothing changes: the last good settings stay in use. The app's own saves are not
    reported, because their text is already the session's.
    """

    reloaded = Signal(object)
    failed = Signal(str)

    def __init__(
        self, session: Session, parent: QObject | None = None, *, delay_ms: int = DEBOUNCE_MS
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._path = session.settings_file.path
        self._failing = False
        self._failed_text: str | None = None
        self._reported_text: str | None = None
        self._signature = _signature(self._path)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.check_now)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._watcher.directoryChanged.connect(self._folder_changed)
        self._watcher.addPath(str(self._path.parent))
        self._watch_file()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def pending(self) -> bool:
        """Whether a change was seen and is waiting for the burst of writes to end."""
        return self._timer.isActive()

    def check_now(self) -> None:
        """Read the file and act on it if it differs from the session's text.

        The window may call this itself, for instance when it is activated again, on a
        platform whose file notifications are unreliable.
        """
        self._timer.stop()
        self._watch_file()
        self._signature = _signature(self._path)
        try:
            text = read_text(self._path)
        except SettingsError as error:
            self._fail(None, error)
            return
        if text == self._session.settings_file.text:
            self._reported_text = None
            if self._failing:
                self._recover()
                self.reloaded.emit(self._session.settings_file)
            return
        if text in (self._failed_text, self._reported_text):
            return  # already reported, and nothing has changed since
        try:
            loaded = SettingsFile.load(self._path)
        except SettingsError as error:
            self._fail(text, error)
            return
        self._recover()
        self._reported_text = loaded.text
        self.reloaded.emit(loaded)

    def _fail(self, text: str | None, error: SettingsError) -> None:
        self._failing, self._failed_text, self._reported_text = True, text, None
        self.failed.emit(str(error))

    def _recover(self) -> None:
        self._failing, self._failed_text = False, None

    def _file_changed(self, _path: str) -> None:
        # A replace-by-rename drops the watch on the old file: watch the new one.
        self._watch_file()
        self._timer.start()

    def _folder_changed(self, _path: str) -> None:
        # The folder also changes when the ledger writes its journal: look only if the
        # settings file itself was replaced, created or removed.
        self._watch_file()
        if _signature(self._path) != self._signature:
            self._timer.start()

    def _watch_file(self) -> None:
        if str(self._path) not in self._watcher.files() and self._path.exists():
            self._watcher.addPath(str(self._path))


def _signature(path: Path) -> _Signature:
    """What changes when a file is rewritten or replaced: inode, size, modification time."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)
