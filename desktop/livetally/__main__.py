"""Allow ``python -m livetally``."""

from livetally.cli import main

raise SystemExit(main())
