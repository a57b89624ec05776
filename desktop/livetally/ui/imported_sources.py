"""PySide6 reads, and keeps, the source of every module imported after it; this stops that.

shiboken6 replaces ``__import__`` with a hook that reads each newly imported module's whole
source (``inspect.getsource``) only to see whether it mentions "PySide6" and so might switch
on the ``snake_case`` or ``true_property`` features with ``from __feature__ import ...``.
Neither LiveTally nor anything it imports does (a test checks our side). At start-up that
reading covered ~120 modules, ours and the standard library's, and cost ~15 ms; the text
then stayed in ``linecache``, a few megabytes that nothing reads again (a traceback reads
the lines it needs from disk anew). A frozen build ships no sources, so there every module
is marked "ignore" unread, and it runs the same: :func:`skip_pyside_source_scan` answers
the same for every module. Should a PySide6 work differently, :func:`forget_imported_sources`
still drops what was read.
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType

#: Where PySide6 6.x keeps the check (a private module: left alone if it is not there).
_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def _uses_no_pyside_feature(module: ModuleType) -> bool:
    """What PySide6's check answers for a module without source (a frozen one's)."""
    return False


def skip_pyside_source_scan() -> bool:
    """Answer PySide6's per-module question without reading source (call once PySide6 is
    imported); whether it could be done (False: this PySide6 works differently, and nothing
    was changed)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, _CHECK, None)):
        return False
    setattr(feature, _CHECK, _uses_no_pyside_feature)
    return True


def forget_imported_sources() -> None:
    """Drop the source text read while importing (call after a batch of imports)."""
    linecache.clearcache()
