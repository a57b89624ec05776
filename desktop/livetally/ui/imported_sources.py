"""PySide6 keeps the source text of every module imported after it; this lets it go.

shiboken6 replaces ``__import__`` with a hook that reads each newly imported module's
source (``inspect.getsource``, looking for ``from __feature__ import``), and the text stays
in ``linecache``: a few megabytes for LiveTally's own modules, more for pyqtgraph and
numpy, which nothing reads again (a traceback reads the lines it needs from disk anew).
A frozen build ships no sources, so there this costs and saves nothing.
"""

from __future__ import annotations

import linecache


def forget_imported_sources() -> None:
    """Drop the source text read while importing (call after a batch of imports)."""
    linecache.clearcache()
