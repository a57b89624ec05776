"""What the user does while the window waits for its data, kept and done once it is ready.

The window is on screen before the settings, the gift catalog and the ledger are read (see
:mod:`livetally.app`), so a creator may start typing coins, or choose a menu command,
before the Calculator exists. :class:`TypeAhead` keeps those keystrokes and commands, in
the order they came, and hands them over when the content is in place: the keys to the
widget that then has the focus, the commands run as if chosen just then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

Command = Callable[[], object]


class TypeAhead(QObject):
    """Holds key presses aimed at one window, and deferred commands, until :meth:`release`.

    Shortcuts are not held here: Qt matches them before a key press is delivered, and the
    window defers the command a shortcut triggers (:meth:`defer`), in the same queue.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._pending: list[QKeyEvent | Command] = []
        self._watching = False

    @property
    def pending(self) -> int:
        """How many keystrokes and commands wait (for tests and diagnostics)."""
        return len(self._pending)

    def start(self) -> None:
        """Keep every key press and release aimed at the window from now on."""
        app = QApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True

    def defer(self, command: Command) -> None:
        """Run ``command`` at :meth:`release`, after what was typed before it."""
        self._pending.append(command)

    def release(self, keys_to: Callable[[], QWidget | None]) -> None:
        """Stop keeping input, and hand over what was kept, in order: key events to the
        widget ``keys_to()`` names at that moment (none: they are dropped), commands run."""
        self._stop()
        pending, self._pending = self._pending, []
        for item in pending:
            if isinstance(item, QKeyEvent):
                target = keys_to()
                if target is not None:
                    QApplication.sendEvent(target, item)
            else:
                item()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False  # a dialog (a broken settings file, say) is answered as usual
        assert isinstance(event, QKeyEvent)
        self._pending.append(
            QKeyEvent(
                kind,
                event.key(),
                event.modifiers(),
                event.text(),
                event.isAutoRepeat(),
                event.count(),
            )
        )
        return True

    def _stop(self) -> None:
        app = QApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False


def first_input(page: QWidget) -> QWidget | None:
    """The first widget of ``page`` that Tab would reach: where typing goes when the page
    is what the window opens on (the Calculator's Coins field)."""
    from PySide6.QtCore import Qt  # its enums cost milliseconds: not before the frame is up

    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (
            page.isAncestorOf(widget)
            and widget.isEnabled()
            and widget.isVisibleTo(page)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None
