"""What every table model of the window shares: the extra data roles and cell alignment.

Kept apart from any one model so that the income table need not reach into the stream
log's module for them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

#: A raw key per cell that QSortFilterProxyModel compares exactly (int or str, never float).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's :class:`~livetally.core.records.LoggedStream`, on every column.
STREAM_ROLE = Qt.ItemDataRole.UserRole + 2

NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
