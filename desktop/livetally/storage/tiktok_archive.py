"""Reading the LIVEs out of TikTok's "Download your data" archive, and nothing else.

The archive is a ZIP (or the folder it was unpacked into, or the JSON file inside it) of
hundreds of megabytes, nearly all of it watch history, messages and other private data
LiveTally has no business with. So the JSON is read as a stream of parser events straight
from the ZIP member, never unpacked to disk or loaded whole: memory stays flat whatever
the archive's size, and no value from the other sections is ever seen, kept or quoted.

This module is the one entry point, :func:`read_tiktok_archive`, and where callers import
its results from. The parts: finding and opening the JSON is
:mod:`livetally.storage.tiktok_open`, walking its events
:mod:`livetally.storage.tiktok_walk`, the result types
:mod:`livetally.storage.tiktok_records` (which also says why payouts are never read),
and which values are accepted :mod:`livetally.storage.tiktok_values`.
"""

from __future__ import annotations

import contextlib
import zipfile
import zlib
from pathlib import Path
from typing import Final

import ijson  # type: ignore[import-untyped]

from livetally import activity
from livetally.storage.tiktok_open import (
    EXPORT_NAMES,
    CountingReader,
    Progress,
    damaged_zip,
    open_export,
    reason_of,
    unless_cancelled,
)
from livetally.storage.tiktok_records import (
    TikTokArchiveError,
    TikTokBlank,
    TikTokHistory,
    TikTokLive,
    TikTokSkipped,
    TikTokWallet,
    WalletStatus,
)
from livetally.storage.tiktok_walk import Walk

__all__ = [
    "EXPORT_NAMES",
    "READ_SIZE",
    "Progress",
    "TikTokArchiveError",
    "TikTokBlank",
    "TikTokHistory",
    "TikTokLive",
    "TikTokSkipped",
    "TikTokWallet",
    "WalletStatus",
    "read_tiktok_archive",
]

#: How much of the JSON the parser asks for at a time (also what the benchmark's floor uses).
READ_SIZE: Final = 256 * 1024

_log = activity.logger(__name__)


def read_tiktok_archive(path: Path, progress: Progress | None = None) -> TikTokHistory:
    """The LIVEs of TikTok's export at ``path``: the ZIP, the folder it was unpacked into,
    or its JSON file. :class:`TikTokArchiveError` when it is none of these, is damaged or
    holds no LIVE history.

    ``progress`` is told (bytes read, bytes of JSON) every few hundred KB; whatever it
    raises stops the reading and comes out of this function as it is.
    """
    path = Path(path)
    with contextlib.ExitStack() as stack:
        label, stream, size = open_export(path, stack)
        reader = CountingReader(stream, size, progress)
        walk = Walk(label)
        try:
            walk.run(ijson.parse(reader, buf_size=READ_SIZE))
        except (ijson.JSONError, UnicodeDecodeError, StopIteration) as error:
            unless_cancelled(error, reader)
            raise TikTokArchiveError(
                f"{label}: the file is damaged (it is not complete, valid JSON); "
                "download the archive again"
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            unless_cancelled(error, reader)
            raise damaged_zip(path) from None
        except OSError as error:
            unless_cancelled(error, reader)
            raise TikTokArchiveError(f"{label}: cannot be read ({reason_of(error)})") from None
    if progress is not None:
        progress(reader.done, max(reader.done, size))
    history = walk.history()
    _log.info(
        f"read TikTok's export {path.name}: {history.listed} LIVEs listed, "
        f"{len(history.lives)} read, {len(history.skipped)} skipped, "
        f"wallet {history.wallet.status.value}"
    )
    return history
