"""The gift catalog as a table a creator counts gifts in: name, price, count, coins.

After a LIVE a creator often remembers gifts ("ten roses, two galaxies") rather than the
coin total. This model holds one count per catalog gift and adds them up, so the
calculator can use the gifts' coins as the coins received.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from livetally.core.gifts import Gift, GiftCatalog, GiftCount
from livetally.core.money import MAX_COUNT, InputError, parse_count
from livetally.core.words import counted
from livetally.models.formatting import Formatter
from livetally.models.table_roles import (
    ALIGNMENT_ROLE,
    DISPLAY_ROLE,
    EDIT_ROLE,
    NO_FLAGS,
    NUMBER_ALIGNMENT,
    SELECTABLE,
    TOOLTIP_ROLE,
)

Index = QModelIndex | QPersistentModelIndex

#: Columns, left to right.
NAME, PRICE, COUNT, SUBTOTAL = range(4)
_HEADERS = ("Gift", "Coins each", "Count", "Coins")

#: Role giving each cell's raw value (name folded to lower case, numbers as int) for sorting.
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1

_RIGHT = NUMBER_ALIGNMENT
_EDITABLE = SELECTABLE | Qt.ItemFlag.ItemIsEditable
_ROLES = frozenset({DISPLAY_ROLE, EDIT_ROLE, SORT_ROLE, ALIGNMENT_ROLE, TOOLTIP_ROLE})


class GiftPickerModel(QAbstractTableModel):
    """Every catalog gift with an editable count (0 = not received), cheapest first.

    The rows are in the order the picker first shows them (by price, ties in catalog
    order), so the view needs no sort to open: sorting 232 gifts through a proxy asks
    ``data()`` thousands of times, a good part of the calculator's start-up.

    ``counts_changed`` fires after any count changes; ``count_rejected`` carries the
    message for a count that could not be used (the old count is kept), so the view can
    show it next to the table.
    """

    counts_changed = Signal()
    count_rejected = Signal(str)

    def __init__(
        self,
        catalog: GiftCatalog,
        formatter: Formatter | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._gifts: list[Gift] = sorted(catalog, key=lambda gift: gift.coins)  # stable
        self._counts: list[int] = [0] * len(self._gifts)
        self._row_of = {gift.name.casefold(): row for row, gift in enumerate(self._gifts)}
        self._format = formatter or Formatter()

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._gifts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != NAME:
            return _RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        return _EDITABLE if index.column() == COUNT else SELECTABLE

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if role not in _ROLES or not index.isValid() or index.model() is not self:
            return None
        row, column = index.row(), index.column()
        gift, count = self._gifts[row], self._counts[row]
        if role == DISPLAY_ROLE:
            return self._display(gift, count, column)
        if role == EDIT_ROLE:
            return count if column == COUNT else self._display(gift, count, column)
        if role == SORT_ROLE:
            return (gift.name.casefold(), gift.coins, count, gift.coins * count)[column]
        if role == ALIGNMENT_ROLE and column != NAME:
            return _RIGHT
        if role == TOOLTIP_ROLE and column == COUNT:
            return f"How many {gift.name} gifts you received"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != COUNT:
            return False
        gift = self._gifts[index.row()]
        try:
            count = parse_count(value if isinstance(value, (int, str)) else str(value), "count")
        except InputError as error:
            self.count_rejected.emit(f"Count of {gift.name}: {error.message}")
            return False
        return self._set_row(index.row(), count)

    # -- counting --------------------------------------------------------------------------

    def gift(self, row: int) -> Gift:
        return self._gifts[row]

    def count_of(self, name: str) -> int:
        return self._counts[self.row_of(name)]

    def set_count(self, name: str, count: int) -> bool:
        """Set the count of the gift called ``name`` (any case); False if it was refused."""
        return self.setData(self.index(self.row_of(name), COUNT), count)

    def set_counts(self, counts: Iterable[GiftCount]) -> None:
        """Replace every count with ``counts`` (gifts not in the catalog are ignored)."""
        wanted = [0] * len(self._gifts)
        for line in counts:
            row = self._row_of.get(line.gift.name.casefold())
            if row is not None:
                wanted[row] += line.count
        if wanted != self._counts:
            self._counts = wanted
            self._emit_all_counts()

    def clear_counts(self) -> None:
        if any(self._counts):
            self._counts = [0] * len(self._gifts)
            self._emit_all_counts()

    def gift_counts(self) -> list[GiftCount]:
        """The gifts with a count above zero, in catalog order."""
        return [
            GiftCount(gift, count)
            for gift, count in zip(self._gifts, self._counts, strict=True)
            if count > 0
        ]

    def total_coins(self) -> int:
        return sum(
            gift.coins * count for gift, count in zip(self._gifts, self._counts, strict=True)
        )

    def total_gifts(self) -> int:
        return sum(self._counts)

    # -- helpers ---------------------------------------------------------------------------

    def row_of(self, name: str) -> int:
        """The row of the gift called ``name`` (any case); KeyError if not in the catalog."""
        try:
            return self._row_of[name.strip().casefold()]
        except KeyError:
            raise KeyError(f"no gift called {name!r} in the catalog") from None

    def _set_row(self, row: int, count: int) -> bool:
        gift = self._gifts[row]
        new_total = self.total_coins() - gift.coins * self._counts[row] + gift.coins * count
        if new_total > MAX_COUNT:
            self.count_rejected.emit(
                f"Count of {gift.name}: {count:,} would make {counted(new_total, 'coin')} in all; "
                f"expected at most {MAX_COUNT:,}",
            )
            return False
        if count != self._counts[row]:
            self._counts[row] = count
            self.dataChanged.emit(self.index(row, COUNT), self.index(row, SUBTOTAL))
            self.counts_changed.emit()
        return True

    def _emit_all_counts(self) -> None:
        if self._gifts:
            last = len(self._gifts) - 1
            self.dataChanged.emit(self.index(0, COUNT), self.index(last, SUBTOTAL))
        self.counts_changed.emit()

    def _display(self, gift: Gift, count: int, column: int) -> str:
        if column == NAME:
            return gift.name
        if column == PRICE:
            return self._format.count(gift.coins)
        if count == 0:
            return ""
        return self._format.count(count if column == COUNT else gift.coins * count)
