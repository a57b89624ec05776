"""Short interpreter thread switches while a background thread runs Python beside the window.

Every call from Qt into Python (a timer, a signal, each ``data()`` a view asks for) must take
the interpreter lock first; while another thread runs Python, each take waits up to the
switch interval (5 ms by default). Sizing a column asks ``data()`` a few thousand times, so
beside an import or pyqtgraph loading on another thread the window froze for a tenth of a
second and more. A 1 ms interval for as long as such a thread works keeps every wait short.
Counted, so that threads whose work overlaps put the interval back only when the last ends.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

#: The interpreter's thread switch interval while background work runs (seconds).
SHORT_SWITCH_INTERVAL: Final = 0.001

_lock = threading.Lock()
_users = 0
_saved = 0.0


@contextmanager
def short_switches() -> Iterator[None]:
    """Switch threads at least every :data:`SHORT_SWITCH_INTERVAL` while in this block."""
    global _users, _saved
    with _lock:
        if _users == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, SHORT_SWITCH_INTERVAL))
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                sys.setswitchinterval(_saved)
