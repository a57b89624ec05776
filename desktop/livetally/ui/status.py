"""The status bar's permanent part: the diamond balance, the way to the payout minimum,
and the door to the payouts (recording a withdrawal, the history, the wallet check)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

if TYPE_CHECKING:
    from livetally.models.session import Session

#: What the bar shows, said beside it: a bar on its own reads as a loading indicator.
BAR_LABEL = "Payout minimum:"


class BalanceIndicator(QWidget):
    """Always visible: diamonds not yet cashed out, and how far they are from a payout.

    It is made with the window, its parts hidden but keeping their room, so the status bar
    has its final height from the first frame and nothing in it moves when :meth:`bind`
    fills it and shows them, once the ledger is open (a placeholder shown in the frame was
    pushed aside by the figures a moment later).
    """

    def __init__(self, session: Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: Session | None = None
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(120)
        self.progress.setAccessibleDescription("How far the balance is towards a payout")
        self.bar_label = QLabel(BAR_LABEL)
        self.bar_label.setBuddy(self.progress)
        self.percent = QLabel()
        self.payouts_button = QToolButton()
        self.payouts_button.setText("Payouts…")
        self.payouts_button.setToolTip("Record a withdrawal, see your payouts, check your wallet")
        self.payouts_button.setAutoRaise(True)
        self.payouts_button.clicked.connect(self.show_payouts)
        self.payouts_button.setEnabled(False)  # until the ledger is open
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addSpacing(8)
        layout.addWidget(self.bar_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.percent)
        layout.addWidget(self.payouts_button)
        self._parts = (self.label, self.bar_label, self.progress, self.percent, self.payouts_button)
        for part in self._parts:
            policy = part.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            part.setSizePolicy(policy)
            part.hide()
        if session is not None:
            self.bind(session)

    def bind(self, session: Session) -> None:
        """Show ``session``'s balance, now and after every change of ledger or settings."""
        from PySide6.QtCore import Qt  # its enums cost the first frame ~20 ms: made after it

        from livetally.models.formatting import Formatter

        self._session = session
        self._format = Formatter()
        self.payouts_button.setEnabled(True)
        self.payouts_button.setCursor(Qt.CursorShape.PointingHandCursor)
        session.ledger_changed.connect(self.refresh)
        session.settings_changed.connect(self.refresh)
        self.refresh()
        for part in self._parts:
            part.show()

    def refresh(self) -> None:
        if self._session is None:
            return
        status = self._session.payout_status()
        fmt = self._format
        balance = f"Balance: {fmt.counted(status.balance_diamonds, 'diamond')}"
        worth = fmt.money(status.gross_usd)
        if status.withdrawable:
            text = f"{balance} ({worth}): ready to withdraw"
        else:  # the minimum itself is in the bar's label
            text = f"{balance} ({worth}): {fmt.money(status.missing_usd)} to go"
        self.label.setText(text)
        bar_name = f"{BAR_LABEL.rstrip(':')} {fmt.money(status.minimum_usd)}"
        self.bar_label.setText(f"{bar_name}:")
        self.progress.setAccessibleName(bar_name)  # as every input: named by its label
        self.progress.setValue(int(status.progress * 1000))
        shown = fmt.percent(status.progress, 0)
        self.percent.setText(shown)
        self.progress.setToolTip(f"{shown} of the payout minimum")

    def show_payouts(self) -> QWidget:
        """Open the payouts dialog over the window (window-modal, not blocking)."""
        from livetally.ui.payouts_dialog import open_payouts

        assert self._session is not None  # the button is off until bind()
        return open_payouts(self._session, self.window(), self._format)
