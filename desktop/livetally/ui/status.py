"""The status bar's permanent part: the diamond balance and the way to the payout minimum."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

if TYPE_CHECKING:
    from livetally.models.session import Session


class BalanceIndicator(QWidget):
    """Always visible: diamonds not yet cashed out, and how far they are from a payout.

    It is made with the window, empty, so the status bar has its final height from the
    first frame; :meth:`bind` fills it once the ledger is open.
    """

    def __init__(self, session: Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: Session | None = None
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(140)
        self.progress.setAccessibleName("Progress to the payout minimum")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        if session is not None:
            self.bind(session)

    def bind(self, session: Session) -> None:
        """Show ``session``'s balance, now and after every change of ledger or settings."""
        from livetally.models.formatting import Formatter

        self._session = session
        self._format = Formatter()
        session.ledger_changed.connect(self.refresh)
        session.settings_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self._session is None:
            return
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
