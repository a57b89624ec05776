"""The status bar's permanent part: the diamond balance and the way to the payout minimum."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from livetally.models.formatting import Formatter
from livetally.models.session import Session


class BalanceIndicator(QWidget):
    """Always visible: diamonds not yet cashed out, and how far they are from a payout."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._format = Formatter()
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(140)
        self.progress.setAccessibleName("Progress to the payout minimum")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        session.ledger_changed.connect(self.refresh)
        session.settings_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        status = self._session.payout_status()
        fmt = self._format
        balance = f"Balance: {fmt.count(status.balance_diamonds)} diamonds"
        worth = fmt.money(status.gross_usd)
        if status.withdrawable:
            text = f"{balance} ({worth}): ready to withdraw"
        else:
            text = (
                f"{balance} ({worth}): {fmt.money(status.missing_usd)} to the "
                f"{fmt.money(status.minimum_usd)} payout minimum"
            )
        self.label.setText(text)
        self.progress.setValue(int(status.progress * 1000))
        self.progress.setToolTip(f"{fmt.percent(status.progress, 0)} of the payout minimum")
