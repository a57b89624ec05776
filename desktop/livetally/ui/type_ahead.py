"""What the user does while the window waits for its data, kept and done once it is ready.

The window is on screen before the settings, the gift catalog and the ledger are read (see
:mod:`livetally.app`), so a creator may start typing coins, or choose a menu command,
before the Calculator exists. :class:`TypeAhead` keeps those keystrokes and commands, in
the order they came, and hands them over when the content is in place: the keys to the
widget that then has the focus, the commands run as if chosen just then.

The window feeds it from its own key handlers: while it waits, nothing in it takes plain
keys (the tab bar passes letters and digits on), so they reach the window. An event filter
on the whole application would see them too, but PySide6 would then make Python types for
every object and event Qt passes through it, creating the enums of every class in
QtCore, QtGui and QtWidgets (some 30 ms).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

Command = Callable[[], object]


class TypeAhead:
    """Key events and deferred commands, kept in order until :meth:`release`.

    Shortcuts are not kept here: Qt matches them before a key press is delivered, and the
    window defers the command a shortcut triggers (:meth:`defer`), in the same queue.
    """

    def __init__(self) -> None:
        self._pending: list[QKeyEvent | Command] = []

    @property
    def pending(self) -> int:
        """How many keystrokes (presses and releases) and commands wait."""
        return len(self._pending)

    def keep(self, event: QKeyEvent) -> None:
        """Keep a copy of ``event`` (Qt reuses the original once it is handled)."""
        self._pending.append(
            QKeyEvent(
                event.type(),
                event.key(),
                event.modifiers(),
                event.text(),
                event.isAutoRepeat(),
                event.count(),
            )
        )

    def defer(self, command: Command) -> None:
        """Run ``command`` at :meth:`release`, after what was typed before it."""
        self._pending.append(command)

    def release(self, keys_to: Callable[[], QWidget | None]) -> None:
        """Hand over what was kept, in order: key events to the widget ``keys_to()``
        names at that moment (none: they are dropped), commands run."""
        pending, self._pending = self._pending, []
        for item in pending:
            if isinstance(item, QKeyEvent):
                target = keys_to()
                if target is not None:
                    QApplication.sendEvent(target, item)
            else:
                item()


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
