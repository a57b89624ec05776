"""The frozen app's entry point: the same as the ``livetally`` command from source.

With no arguments it opens the window; ``--smoke``, ``--version`` and every subcommand work
as they do from source (on Windows the build is windowed, so a console shows no output).
"""

from livetally.cli import main

raise SystemExit(main())
