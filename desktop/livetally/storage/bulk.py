"""Work on many rows at once: what keeps an import of 100,000 streams quick."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a bulk step makes objects that live on.

    Python's collector runs after every 700 new container objects and, as they pile up,
    walks all of them again and again: reading and saving 100,000 streams spent about a
    tenth of its time there, finding nothing, since records, rows and their texts form no
    cycles. Reference counting frees everything as usual meanwhile; the collector is back
    as it was when the step ends. It is one switch for the whole process, so a step
    running on a worker thread pauses it for the window too, for those few seconds.
    """
    if not gc.isenabled():  # paused already (an outer step, or the program itself)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
