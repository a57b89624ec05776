"""What a tab shows before there is anything to show: one sentence and a way forward."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class EmptyState(QWidget):
    """A centred sentence of guidance, an **Add sample data** button and a main action."""

    sample_requested = Signal()
    action_requested = Signal()

    def __init__(self, guidance: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        text = QLabel(guidance)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A layout honours a wrapped label's height-for-width only when it may size the label
        # itself: aligning it in the layout would pin it to one line of its size hint.
        text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        text.setMaximumWidth(520)
        font = text.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        text.setFont(font)
        sample = QPushButton("Add sample data")
        sample.setToolTip(
            "Fill LiveTally with marked sample rows; View > Remove sample data undoes it"
        )
        main = QPushButton(action)
        main.setDefault(True)
        sample.clicked.connect(self.sample_requested)
        main.clicked.connect(self.action_requested)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(main)
        buttons.addWidget(sample)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        centred = QHBoxLayout()
        centred.addStretch()
        centred.addWidget(text, stretch=10)
        centred.addStretch()
        layout.addLayout(centred)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch()
        self.text = text
        self.sample_button = sample
        self.action_button = main
