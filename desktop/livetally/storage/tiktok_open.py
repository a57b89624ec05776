"""Finding TikTok's export JSON in what the creator chose, and opening it as a byte stream.

The creator may choose the ZIP "Download your data" gave them, the folder it was unpacked
into, or the JSON file itself. Each is opened for reading in place (a ZIP member is read
straight from the archive, never unpacked to disk), and each way it can be wrong (the TXT
variant, two exports in one folder, a damaged or password-protected ZIP) gets one line
that says what to do. The walk over the JSON's events is
:mod:`livetally.storage.tiktok_walk`.
"""

from __future__ import annotations

import contextlib
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import IO, Final

from livetally.storage.tiktok_records import TikTokArchiveError

#: Told (bytes read, bytes in the JSON file) as the file is read; raise to cancel.
Progress = Callable[[int, int], None]

#: The export's JSON file, newer name first: when a folder holds both, the newer wins.
EXPORT_NAMES: Final = ("user_data_tiktok.json", "user_data.json")

#: Folders of the TXT variant of the export (each section one ``.txt`` file in them).
_TXT_FOLDERS: Final = frozenset(
    {"tiktok live", "activity", "your activity", "comment", "comments", "direct message",
     "direct messages", "profile", "video", "videos", "post", "ads and data", "app settings",
     "income+ wallet", "tiktok shopping", "tiktok shop", "likes and favorites"}
)  # fmt: skip
_BOM: Final = b"\xef\xbb\xbf"
_HOW_TO_REQUEST: Final = (
    "in TikTok, go to Profile > Settings and privacy > Account > Download your data, "
    "choose JSON and request your data again"
)


def open_export(path: Path, stack: contextlib.ExitStack) -> tuple[str, IO[bytes], int]:
    """(name for messages, the JSON as a binary stream, its size in bytes)."""
    try:
        if path.is_dir():
            found = _pick_export(path, _folder_names(path))
            target = path.joinpath(*found.split("/"))
            return str(target), stack.enter_context(target.open("rb")), target.stat().st_size
        file = stack.enter_context(path.open("rb"))
        head = file.read(64)
    except FileNotFoundError:
        raise TikTokArchiveError(f"{path}: no such file or folder") from None
    except OSError as error:
        raise TikTokArchiveError(f"{path}: cannot be read ({reason_of(error)})") from None
    if head.startswith(b"PK"):
        return _open_member(path, file, stack)
    if not head:
        raise TikTokArchiveError(f"{path}: the file is empty; it is not a TikTok data archive")
    if path.suffix.casefold() == ".txt":
        raise TikTokArchiveError(f"{path}: {_TXT_VARIANT}")
    if not head.removeprefix(_BOM).lstrip().startswith((b"{", b"[")):
        raise TikTokArchiveError(
            f"{path}: not a ZIP archive or a JSON file; choose the ZIP that TikTok's "
            '"Download your data" gave you, or the user_data_tiktok.json inside it'
        )
    file.seek(0)
    return str(path), file, os.fstat(file.fileno()).st_size


_TXT_VARIANT: Final = (
    f"this is TikTok's TXT export; LiveTally reads the JSON format: {_HOW_TO_REQUEST}"
)


def _open_member(
    path: Path, file: IO[bytes], stack: contextlib.ExitStack
) -> tuple[str, IO[bytes], int]:
    try:
        archive = stack.enter_context(zipfile.ZipFile(file))
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        name = _pick_export(path, names)
        info = archive.getinfo(name)
        return f"{path}: {name}", stack.enter_context(archive.open(info)), info.file_size
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        raise damaged_zip(path) from None
    except RuntimeError:  # zipfile's word for an encrypted member
        raise TikTokArchiveError(
            f"{path}: the ZIP archive is password-protected; LiveTally cannot open it"
        ) from None
    except NotImplementedError:
        raise TikTokArchiveError(
            f"{path}: the ZIP archive is packed in a way LiveTally cannot read; unpack it "
            "and choose the folder instead"
        ) from None


def damaged_zip(path: Path) -> TikTokArchiveError:
    return TikTokArchiveError(
        f"{path}: the ZIP archive is damaged or incomplete (was the download cut short?); "
        "download it again from TikTok"
    )


def _pick_export(path: Path, names: Iterable[str]) -> str:
    """The export's JSON among ``names`` (``/``-separated, relative to the archive or folder):
    at the top or in one folder, the newer name preferred when a folder holds both."""
    by_folder: dict[str, str] = {}
    txt = False
    for name in names:
        parts = PurePosixPath(name.replace("\\", "/")).parts  # Windows zippers may use backslashes
        if not parts or parts[0].casefold() == "__macosx":
            continue
        base = parts[-1].casefold()
        if len(parts) <= 2 and base in EXPORT_NAMES:
            folder = "/".join(parts[:-1])
            held = by_folder.get(folder)
            if held is None or EXPORT_NAMES.index(base) < EXPORT_NAMES.index(
                PurePosixPath(held).name.casefold()
            ):
                by_folder[folder] = name
        elif base.endswith(".txt") and len(parts) >= 2 and parts[-2].casefold() in _TXT_FOLDERS:
            txt = True
    if len(by_folder) > 1:
        shown = ", ".join(sorted(by_folder.values()))
        raise TikTokArchiveError(
            f"{path}: holds more than one TikTok export ({shown}); choose one of them"
        )
    if by_folder:
        return next(iter(by_folder.values()))
    if txt:
        raise TikTokArchiveError(f"{path}: {_TXT_VARIANT}")
    raise TikTokArchiveError(
        f"{path}: holds no TikTok data (no user_data_tiktok.json or user_data.json in it)"
    )


def _folder_names(folder: Path) -> list[str]:
    """Files at the top of ``folder``, one folder down and, for the TXT variant, two."""
    names: list[str] = []

    def walk(here: Path, prefix: str, depth: int) -> None:
        with os.scandir(here) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                if not entry.is_dir():
                    names.append(name)
                elif depth < 2:
                    with contextlib.suppress(OSError):  # a folder it may not open is not it
                        walk(Path(entry.path), f"{name}/", depth + 1)

    walk(folder, "", 0)
    return names


def reason_of(error: OSError) -> str:
    return error.strerror or type(error).__name__


def unless_cancelled(error: BaseException, reader: CountingReader) -> None:
    """Re-raise ``error`` as it is when the progress callback raised it (a cancel)."""
    if error is reader.cancelled:
        raise error


class CountingReader:
    """The JSON stream as the parser reads it: counts bytes, tells progress, drops a BOM."""

    def __init__(self, stream: IO[bytes], total: int, progress: Progress | None) -> None:
        self._stream = stream
        self._progress = progress
        self._started = False
        self.total = total
        self.done = 0
        self.cancelled: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if not data:
            return data
        self.done += len(data)
        if not self._started:
            self._started = True
            data = data.removeprefix(_BOM)
        if self._progress is not None:
            try:
                self._progress(self.done, max(self.total, self.done))
            except BaseException as error:
                self.cancelled = error
                raise
        return data
