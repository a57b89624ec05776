"""What every table model of the window shares: the data roles, flags and cell alignment.

Kept apart from any one model so that the income table need not reach into the stream
log's module for them.

The roles are plain ints, and the flags and alignments made once, because a model's
``data()`` and ``flags()`` run for every visible cell and every role on every paint: naming
``Qt.ItemDataRole.DisplayRole`` there costs ~0.5 µs (a lookup through the enum class) and
``ItemIsEnabled | ItemIsSelectable`` ~2.5 µs, which added up to most of a 20 ms table repaint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
FONT_ROLE = int(Qt.ItemDataRole.FontRole)
EDIT_ROLE = int(Qt.ItemDataRole.EditRole)

#: A raw key per cell that QSortFilterProxyModel compares exactly (int or str, never float).
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
#: The row's :class:`~livetally.core.records.LoggedStream`, on every column.
STREAM_ROLE = int(Qt.ItemDataRole.UserRole) + 2

NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

#: A row that can be selected but not edited: every table of the window.
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags
