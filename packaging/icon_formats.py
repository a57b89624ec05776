"""The Windows .ico and the macOS .icns, packed from the committed PNGs (standard library only).

Both formats may hold PNG data as it is (Windows Vista and later, macOS 10.7 and later), so
no image library is needed: each file is a small directory followed by the PNG bytes.

    python packaging/icon_formats.py build/icons   # writes livetally.ico and livetally.icns
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HICOLOR = ROOT / "resources" / "icons" / "hicolor"

ICO_SIZES = (16, 32, 48, 64, 128, 256)
#: icns element types holding PNG data, by pixel size (the @2x types reuse the larger PNGs).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic13", 256),  # 128@2x
    (b"ic14", 512),  # 256@2x
)


def _png(size: int) -> bytes:
    data = (HICOLOR / f"{size}x{size}" / "apps" / "livetally.png").read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"icon {size}x{size} is not a PNG file")
    return data


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    images = [_png(size) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = 6 + 16 * len(images)
    entries = b""
    for size, data in zip(sizes, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(images)


def icns_bytes() -> bytes:
    body = b""
    for kind, size in ICNS_TYPES:
        data = _png(size)
        body += kind + struct.pack(">I", 8 + len(data)) + data
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(folder: Path) -> tuple[Path, Path]:
    """Write livetally.ico and livetally.icns into ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    ico = folder / "livetally.ico"
    icns = folder / "livetally.icns"
    ico.write_bytes(ico_bytes())
    icns.write_bytes(icns_bytes())
    return ico, icns


if __name__ == "__main__":
    for path in write_icons(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")):
        print(path)
