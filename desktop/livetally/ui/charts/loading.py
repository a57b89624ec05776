"""pyqtgraph loaded when a chart first needs it, or beforehand on a thread of its own.

Kept apart from :mod:`livetally.ui.charts.base`, whose Qt classes make PySide6 create their
enums on import (``QEvent.Type`` alone has some 180 members): the import dialog starts the
background load as it opens, and importing the chart base there froze the window for ~50
ms before the first progress was drawn. This module needs nothing of Qt.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from livetally.models.switching import short_switches
from livetally.ui.imported_sources import forget_imported_sources


def load_pyqtgraph() -> Any:
    """Import pyqtgraph on first use (see the module docstring for why not at import time)."""
    if "pyqtgraph.exporters" in sys.modules:
        return sys.modules["pyqtgraph"]
    import pyqtgraph
    import pyqtgraph.exporters  # not loaded by the package itself; used by export_png

    forget_imported_sources()  # pyqtgraph's and numpy's, megabytes of text
    return pyqtgraph


def load_in_background() -> Callable[[], bool]:
    """Start importing pyqtgraph on a thread of its own (once); returns a test of whether
    it is in.

    The import takes a fifth of a second, which on the GUI thread is a fifth of a second of
    frozen window; on another thread the window goes on answering meanwhile (the import is
    Python code that hands the interpreter over every few milliseconds). A caller about to
    draw a chart starts it first and draws once it is in; drawing earlier only waits for it.

    Not a daemon thread: a program that quits while the import runs waits the rest of it
    out. Python stops a daemon thread wherever it is, and stopped inside numpy's or Qt's
    extension modules it crashed the interpreter on its way out (1 quit in 3, measured).
    """
    global _loader
    if _loader is None and "pyqtgraph.exporters" not in sys.modules:
        _loader = threading.Thread(target=_import_beside, name="import pyqtgraph", daemon=False)
        _loader.start()
    loader = _loader
    return lambda: (
        "pyqtgraph.exporters" in sys.modules and (loader is None or not loader.is_alive())
    )


_loader: threading.Thread | None = None


def _import_beside() -> None:
    """The background import, with short thread switches (see ``models.switching``): the
    window goes on calling into Python meanwhile, and each call would wait up to 5 ms."""
    with short_switches():
        load_pyqtgraph()
