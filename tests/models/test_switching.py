"""Short thread switches last exactly as long as the background work that asked for them."""

from __future__ import annotations

import sys

from livetally.models.switching import SHORT_SWITCH_INTERVAL, short_switches


def test_overlapping_users_put_the_interval_back_only_when_the_last_ends() -> None:
    """An import and pyqtgraph loading may overlap, ending in either order: the first to
    end must not lengthen the interval while the other still works, and the last must
    restore what was there before either began."""
    before = sys.getswitchinterval()
    assert before > SHORT_SWITCH_INTERVAL
    first, second = short_switches(), short_switches()
    first.__enter__()
    assert sys.getswitchinterval() == SHORT_SWITCH_INTERVAL
    second.__enter__()
    first.__exit__(None, None, None)  # the first to start ends first
    assert sys.getswitchinterval() == SHORT_SWITCH_INTERVAL
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == before


def test_an_error_inside_still_restores_the_interval() -> None:
    before = sys.getswitchinterval()
    try:
        with short_switches():
            raise RuntimeError("the import failed")
    except RuntimeError:
        pass
    assert sys.getswitchinterval() == before
