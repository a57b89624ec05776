"""The first moments of a start, frame by frame: what a creator sees after a double-click.

Starts an Xvfb whose screen is a memory-mapped file (``-fbdir``), launches LiveTally on a
fresh data home (a first start), and copies the screen every few milliseconds for
``--ms`` (600 by default); each frame that differs from the one before is written as a
PNG named by its time since launch, cropped to the window. Looking through them shows
whether the window ever appears blank or half laid out, or jumps. Not part of ``make
bench``: it has nothing to compare against; it is for people to look at.

    python bench/first_frames.py [--ms 600] build/first-frames [-- COMMAND...]
"""

from __future__ import annotations

import argparse
import mmap
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage

WIDTH, HEIGHT = 1400, 900


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--ms", type=int, default=600)
    parser.add_argument("--every-ms", type=float, default=4)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    command = command or [str(Path(sys.executable).with_name("livetally"))]
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    scratch = Path(tempfile.mkdtemp(prefix="first-frames-"))
    read_end, write_end = os.pipe()
    screen = f"{WIDTH}x{HEIGHT}x24"
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-fbdir", str(scratch)],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    frames: list[tuple[float, bytes]] = []
    try:
        with os.fdopen(read_end) as pipe:
            display = f":{pipe.readline().strip()}"
        with open(scratch / "Xvfb_screen0", "rb") as file:
            framebuffer = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        header = int.from_bytes(framebuffer[0:4], "big")
        colours = int.from_bytes(framebuffer[76:80], "big")
        start = header + 12 * colours
        env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            LIVETALLY_HOME=str(scratch / "home"),
            HOME=str(scratch),
        )
        began = time.perf_counter()
        child = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        last = b""
        while (now := time.perf_counter() - began) < args.ms / 1000:
            pixels = framebuffer[start : start + WIDTH * HEIGHT * 4]
            if pixels != last and pixels != framebuffer[start : start + WIDTH * HEIGHT * 4]:
                continue  # copied while the server was drawing: take it again
            if pixels != last:
                frames.append((now, pixels))
                last = pixels
            time.sleep(args.every_ms / 1000)
        child.kill()
        child.wait()
        framebuffer.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)
    _write(frames, args.out)
    return 0


def _write(frames: list[tuple[float, bytes]], out: Path) -> None:
    """Each distinct frame as a PNG, cropped to what was drawn over the empty screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication([])  # for QImage's PNG writer
    images = [
        (at, QImage(pixels, WIDTH, HEIGHT, WIDTH * 4, QImage.Format.Format_RGB32).copy())
        for at, pixels in frames
    ]
    blank = images[0][1].pixelColor(0, 0) if images else QColor()
    box = QRect()
    for _, image in images:
        box = box.united(_drawn(image, blank))
    for at, image in images:
        name = out / f"{round(at * 1000):04d}ms.png"
        (image.copy(box) if box.isValid() else image).save(str(name))
        print(name)


def _drawn(image: QImage, blank: QColor) -> QRect:
    """The rectangle of ``image`` that is not the empty screen's colour (coarsely)."""
    from PySide6.QtCore import QRect

    xs, ys = [], []
    for y in range(0, HEIGHT, 8):
        for x in range(0, WIDTH, 8):
            if image.pixelColor(x, y) != blank:
                xs.append(x)
                ys.append(y)
    if not xs:
        return QRect()
    return QRect(min(xs), min(ys), max(xs) - min(xs) + 8, max(ys) - min(ys) + 8)


if __name__ == "__main__":
    sys.exit(main())
