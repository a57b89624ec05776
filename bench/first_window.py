"""Time from launch to the first visible window, on a virtual X screen of its own.

What a creator feels when they double-click: how long until a window is on screen. Each
program is started with a fresh home (a first start), and the time is taken from just
before it is launched until the X server reports a new top-level window as viewable
(mapped); then the program is killed. The programs take turns (A B C A B C ...) and the
medians are compared, so a busy machine slows them alike.

The X server is asked directly through libX11 (ctypes), every 2 ms: an outside poller
such as ``xdotool`` would start a process per look and take CPU from the programs timed.
The same as ``../shared/tools/peer_startup.py`` measures, with less disturbance.

    python bench/first_window.py [RUNS]      # prints the figures as JSON
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
#: The floor: the installer check's bare PySide6 window, from source.
BARE = "bare Qt window (source)"
SOURCE = "LiveTally (source)"
FROZEN = "LiveTally (frozen)"
#: Desktop money programs a creator might use instead, timed where installed (Debian
#: packages ``gnucash`` and ``homebank``); the version is read from dpkg for the table.
PEERS = {"GnuCash": ["gnucash"], "HomeBank": ["homebank"]}
POLL_S = 0.002
GIVE_UP_S = 60.0


class _WindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


_IS_VIEWABLE = 2


class XScreen:
    """The top-level windows of one X display, as its server sees them."""

    def __init__(self, display: str) -> None:
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        x11 = ctypes.CDLL(name)
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XQueryTree.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
            ctypes.POINTER(ctypes.c_uint),
        ]
        x11.XGetWindowAttributes.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_WindowAttributes),
        ]
        x11.XFree.argtypes = [ctypes.c_void_p]
        x11.XSetErrorHandler.argtypes = [ctypes.c_void_p]
        # A window may vanish between the listing and the look at it: ignore that error.
        self._ignore = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
            lambda _display, _event: 0
        )
        x11.XSetErrorHandler(ctypes.cast(self._ignore, ctypes.c_void_p))
        self._x11 = x11
        self._display = x11.XOpenDisplay(display.encode())
        if not self._display:
            raise RuntimeError(f"cannot open X display {display}")
        self._root = x11.XDefaultRootWindow(self._display)

    def viewable(self) -> set[int]:
        """The root's child windows that are mapped (and whose parents are)."""
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        x11 = self._x11
        if not x11.XQueryTree(
            self._display,
            self._root,
            ctypes.byref(root),
            ctypes.byref(parent),
            ctypes.byref(children),
            ctypes.byref(count),
        ):
            return set()
        found = set()
        attributes = _WindowAttributes()
        try:
            for index in range(count.value):
                window = children[index]
                if (
                    x11.XGetWindowAttributes(self._display, window, ctypes.byref(attributes))
                    and attributes.map_state == _IS_VIEWABLE
                ):
                    found.add(window)
        finally:
            if children:
                x11.XFree(children)
        return found

    def close(self) -> None:
        self._x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._x11.XCloseDisplay(self._display)


@contextmanager
def virtual_screen() -> Iterator[str]:
    """An Xvfb of our own (1400x900, 24-bit), and its display name."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@dataclass
class Program:
    name: str
    command: list[str]
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def first_window(screen: XScreen, display: str, command: Sequence[str]) -> float:
    """Seconds from launch to the first new viewable top-level window of ``command``."""
    before = screen.viewable()
    home = Path(tempfile.mkdtemp(prefix="first-window-"))
    env = dict(
        os.environ,
        DISPLAY=display,
        HOME=str(home),
        LIVETALLY_HOME=str(home / "livetally"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        QT_QPA_PLATFORM="xcb",
        NO_AT_BRIDGE="1",
    )
    began = time.perf_counter()
    child = subprocess.Popen(
        list(command),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so that its helpers (GnuCash starts some) end with it
    )
    try:
        while not screen.viewable() - before:
            if time.perf_counter() - began > GIVE_UP_S or child.poll() is not None:
                raise RuntimeError(f"{command[0]} showed no window")
            time.sleep(POLL_S)
        elapsed = time.perf_counter() - began
    finally:
        with suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        gone = time.perf_counter()  # the server frees a dead client's windows a moment later
        while screen.viewable() - before and time.perf_counter() - gone < 10:
            time.sleep(0.01)
        shutil.rmtree(home, ignore_errors=True)
    return elapsed


def programs() -> list[Program]:
    """The programs on this machine to time: ours and the floor always, the rest if there."""
    livetally = str(Path(PYTHON).with_name("livetally"))
    found = [
        Program(BARE, [PYTHON, str(REPO / "packaging" / "bare_window.py")]),
        Program(SOURCE, [livetally]),
    ]
    frozen = REPO / "dist" / "livetally" / "livetally"
    if frozen.exists():
        found.append(Program(FROZEN, [str(frozen)]))
    for name, command in PEERS.items():
        if shutil.which(command[0]):
            found.append(Program(f"{name} {_version(command[0])}".strip(), command))
    return found


def _version(package: str) -> str:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
    )
    version = done.stdout.strip().split(":")[-1]
    return ".".join(version.split("-")[0].split(".")[:2]) if done.returncode == 0 else ""


def measure(runs: int) -> dict[str, Any]:
    """Every program, ``runs`` times in turn after one untimed warm-up each; the figures
    ``make bench`` keeps (``first_window_*`` and ``peers``)."""
    if not shutil.which("Xvfb"):
        return {"first_window_skipped": "Xvfb is not installed (make system-deps)"}
    timed = programs()
    with virtual_screen() as display:
        screen = XScreen(display)
        try:
            for program in timed:
                first_window(screen, display, program.command)  # page cache, font cache
            for _ in range(runs):
                for program in timed:
                    program.times.append(first_window(screen, display, program.command))
        finally:
            screen.close()
    by_name = {program.name: program for program in timed}
    floor = by_name[BARE].median
    figures: dict[str, Any] = {
        "first_window_runs": runs,
        "first_window_bare_s": floor,
        "first_window_s": by_name[SOURCE].median,
        "first_window_ratio": by_name[SOURCE].median / floor,
    }
    if FROZEN in by_name:
        figures["first_window_frozen_s"] = by_name[FROZEN].median
        figures["first_window_frozen_ratio"] = by_name[FROZEN].median / floor
    figures["peers"] = {
        program.name: {
            "median_s": program.median,
            "min_s": min(program.times),
            "max_s": max(program.times),
            "ratio": program.median / floor,
        }
        for program in timed
    }
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 7), indent=2))
