"""Synthetic TikTok "Download your data" archives, laid out as the public parsers read them.

Every value is made up. The private sections (messages, login history, watch history) carry
:data:`SECRET` so tests can show that nothing from them reaches a result or a message, and
a filler of any size can be streamed into them without building it in memory (the
benchmark uses the same builder for its 200 MB archive).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

#: Text in every private section; it must never come out of the reader.
SECRET = "SECRET-dm-7Qx"
#: Where the streamed filler goes: the watch history, under the older exports' section name.
FILLER_SECTION = "Activity"


def live(position: int = 1, **fields: Any) -> dict[str, Any]:
    """One ``GoLiveList`` item with every field filled, starting ``position - 1`` days after
    2025-03-01 19:00 UTC and lasting 90 minutes; ``fields`` override or add (None values
    stay as null; pass ``drop=[...]`` to leave fields out)."""
    drop = fields.pop("drop", ())
    start = dt.datetime(2025, 3, 1, 19) + dt.timedelta(days=position - 1)
    item: dict[str, Any] = {
        "LiveStartTime": f"{start:%Y-%m-%d %H:%M:%S}",
        "LiveEndTime": f"{start + dt.timedelta(minutes=90):%Y-%m-%d %H:%M:%S}",
        "LiveDuration": 5400,
        "RoomId": str(7481234567890123000 + position),
        "RoomTitle": f"LIVE number {position}",
        "CoverUri": "https://example.invalid/cover.jpg",
        "ReplayUrl": "",
        "TotalEarning": 100 * position,
        "TotalLike": 1000 + position,
        "TotalView": 500 + position,
        "TotalGifter": 10 + position,
        "QualitySetting": "720p",
        "MutedList": [{"UserName": f"muted {SECRET}"}],
    }
    item.update(fields)
    for name in drop:
        del item[name]
    return item


def document(
    lives: list[Any] | None = None,
    *,
    section: str = "Tiktok Live",
    history: str = "Go Live History",
    list_key: str = "GoLiveList",
    wallet: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A whole export: private sections around a LIVE section holding ``lives``."""
    doc: dict[str, Any] = {
        "Direct Message": {
            "Direct Messages": {
                "ChatHistory": {
                    f"Chat History with friend {SECRET}:": [
                        {"Date": "2025-03-01 10:00:00", "From": "friend", "Content": SECRET}
                    ]
                }
            }
        },
        "Profile And Settings": {
            "Profile Info": {"ProfileMap": {"userName": SECRET, "emailAddress": SECRET}}
        },
        section: {
            "Go Live Settings": {"SettingsMap": {"note": SECRET}},
            history: {list_key: lives},
            "Watch Live History": {
                "WatchLiveMap": {"1": {"Comments": [{"CommentContent": SECRET}]}}
            },
        },
        "Your Activity": {
            "Login History": {"LoginHistoryList": [{"IP": SECRET, "Date": "2025-01-01"}]}
        },
    }
    if wallet is not None:
        doc["Income+ Wallet"] = dict(wallet)
    return doc


def _filler_chunks(size: int) -> Iterator[bytes]:
    """About ``size`` bytes of watch-history items, as comma-separated JSON objects.

    Each item differs (a running number), so the ZIP compresses it about as a real watch
    history, not a thousandfold.
    """
    written = 0
    count = 0
    while written < size:
        block = ",".join(
            f'{{"Date": "2024-01-{1 + n % 28:02d} 10:{n % 60:02d}:00", '
            f'"Link": "https://example.invalid/{SECRET}/video/{7_000_000_000_000 + n * 7919}/"}}'
            for n in range(count, count + 2000)
        ).encode()
        yield block if not count else b"," + block
        count += 2000
        written += len(block) + 1


def write_json_stream(out: IO[bytes], doc: Mapping[str, Any], filler: int = 0) -> None:
    """``doc`` as JSON into ``out``, with ``filler`` bytes of watch history streamed in as
    the first section (so a reader must get past it to reach the LIVEs)."""
    out.write(b"{")
    if filler:
        out.write(json.dumps(FILLER_SECTION).encode())
        out.write(b': {"Watch History": {"VideoList": [')
        for chunk in _filler_chunks(filler):
            out.write(chunk)
        out.write(b"]}}")
    for index, (key, value) in enumerate(doc.items()):
        if filler or index:
            out.write(b", ")
        out.write(json.dumps(key).encode() + b": " + json.dumps(value).encode())
    out.write(b"}")


def write_json(path: Path, doc: Mapping[str, Any], *, filler: int = 0, prefix: bytes = b"") -> Path:
    with path.open("wb") as out:
        out.write(prefix)
        write_json_stream(out, doc, filler)
    return path


def write_zip(
    path: Path,
    doc: Mapping[str, Any] | None,
    *,
    member: str = "user_data_tiktok.json",
    filler: int = 0,
    extra: Mapping[str, bytes] | None = None,
) -> Path:
    """A ZIP as TikTok sends it: ``doc`` at ``member`` (a folder may be part of the name)
    and the ``extra`` files next to it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if doc is not None:
            with archive.open(member, "w", force_zip64=filler > 1 << 30) as out:
                write_json_stream(out, doc, filler)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def write_folder(folder: Path, doc: Mapping[str, Any], *, member: str) -> Path:
    """The archive unpacked: ``doc`` at ``folder/member``."""
    target = folder / member
    target.parent.mkdir(parents=True, exist_ok=True)
    write_json(target, doc)
    return folder


#: The TXT variant of the export: one text file per section, in section folders.
TXT_FILES: Mapping[str, bytes] = {
    "Tiktok Live/Go Live History.txt": b"Live Start Time: 2025-03-01 19:00:00\n",
    "Direct Messages/Inbox.txt": f"Chat with friend: {SECRET}\n".encode(),
    "Activity/Login History.txt": f"IP: {SECRET}\n".encode(),
}
