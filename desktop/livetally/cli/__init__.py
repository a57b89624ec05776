"""The ``livetally`` command line. Qt is never imported here unless the window is asked for."""

from livetally.cli.main import main

__all__ = ["main"]
