"""Render the app icon's PNG sizes from its SVG (a developer tool; the PNGs are committed).

    .venv/bin/python packaging/make_icons.py          # rewrite the PNGs
    .venv/bin/python packaging/make_icons.py --check  # exit 1 if one is missing or the wrong size

The source is ``resources/icons/hicolor/scalable/apps/livetally.svg``; each size lands in
``resources/icons/hicolor/<n>x<n>/apps/livetally.png``, where the freedesktop icon theme
and the .deb expect it. Sizes under 48 are drawn from ``livetally-small.svg`` beside this
script when it exists: fewer, thicker strokes read better at 16 and 32 pixels. The Windows
.ico and the macOS .icns are made from these PNGs at build time (``icon_formats.py``).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / "livetally.svg"
SMALL_SVG = Path(__file__).resolve().parent / "livetally-small.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)
SMALL_BELOW = 48


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / "livetally.png"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (no image library needed)."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path}: not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def render() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    for size in SIZES:
        source = SMALL_SVG if size < SMALL_BELOW and SMALL_SVG.exists() else SVG
        renderer = QSvgRenderer(str(source))
        if not renderer.isValid():
            raise SystemExit(f"{source}: not a valid SVG")
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(target), "PNG", 9):
            raise SystemExit(f"{target}: could not write")
        print(f"wrote {target.relative_to(ROOT)}")


def check() -> int:
    problems = []
    for size in SIZES:
        path = png_path(size)
        if not path.exists():
            problems.append(f"{path}: missing")
        elif png_size(path) != (size, size):
            problems.append(f"{path}: {png_size(path)}, expected {size}x{size}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        raise SystemExit(check())
    render()
