"""The app icon: an SVG, PNGs at every hicolor size, and the .ico / .icns packed from them."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO, load

make_icons = load("make_icons.py")
icon_formats = load("icon_formats.py")

HICOLOR = REPO / "resources" / "icons" / "hicolor"


def test_the_svg_is_a_square_svg_document() -> None:
    root = ET.parse(HICOLOR / "scalable" / "apps" / "livetally.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(n) for n in root.attrib["viewBox"].split())
    assert width == height


@pytest.mark.parametrize("size", make_icons.SIZES)
def test_every_png_size_is_committed_at_its_size(size: int) -> None:
    path = HICOLOR / f"{size}x{size}" / "apps" / "livetally.png"
    assert make_icons.png_size(path) == (size, size)


def test_the_check_mode_agrees() -> None:
    assert make_icons.check() == 0


def test_the_svg_renders_with_qt(qapp: object) -> None:
    from PySide6.QtSvg import QSvgRenderer

    for source in (make_icons.SVG, make_icons.SMALL_SVG):
        assert QSvgRenderer(str(source)).isValid(), source


def test_the_ico_holds_every_size_as_png(tmp_path: Path, qapp: object) -> None:
    from PySide6.QtGui import QImageReader

    ico, _ = icon_formats.write_icons(tmp_path)
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(icon_formats.ICO_SIZES))
    for index, size in enumerate(icon_formats.ICO_SIZES):
        width, height, *_, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert (width or 256, height or 256) == (size, size)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
    reader = QImageReader(str(ico))
    assert reader.canRead(), reader.errorString()
    assert reader.imageCount() == len(icon_formats.ICO_SIZES)


def test_the_icns_is_well_formed(tmp_path: Path, qapp: object) -> None:
    from PySide6.QtGui import QImageReader

    _, icns = icon_formats.write_icons(tmp_path)
    data = icns.read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    offset, kinds = 8, []
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert kinds == [kind for kind, _ in icon_formats.ICNS_TYPES]
    reader = QImageReader(str(icns))
    if reader.canRead():  # the icns reader is a plugin this Qt may lack
        assert not reader.read().isNull()
