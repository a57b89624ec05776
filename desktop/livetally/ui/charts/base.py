"""What every chart shares: the plot built when first needed, the guidance shown instead of
empty axes, colours from the palette, and PNG export.

pyqtgraph (and numpy with it) takes a noticeable part of a second to import, so
:func:`~livetally.ui.charts.loading.load_pyqtgraph` loads it only when a chart is on screen
with something to draw: importing the charts, building the widgets and giving hidden charts
their data cost nothing. A chart with nothing to draw shows one sentence of guidance
instead of empty axes.

Colours come from the application palette (background, text) and from :data:`PALETTE`,
chosen to read on light and dark backgrounds alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QIODevice, QRectF, QSaveFile, Qt
from PySide6.QtGui import QColor, QImage, QImageWriter, QPalette, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from livetally.ui.charts.loading import load_in_background, load_pyqtgraph

#: Series colours, each with at least 3:1 contrast on white and on a dark (#2b2b2b) base.
PALETTE = (
    "#3B82F6",  # blue
    "#D97706",  # amber
    "#16A34A",  # green
    "#E15759",  # red
    "#A855F7",  # purple
    "#0891B2",  # teal
    "#DB2777",  # pink
    "#9C755F",  # brown
    "#808080",  # grey
)

#: Size in pixels of an exported chart: 16:9, large enough for a media kit or a slide.
EXPORT_SIZE = (1600, 900)
#: Pixels between one legend entry and the next.
LEGEND_GAP = 28


class Chart(QWidget):
    """A plot that is built when first needed, or a sentence saying what would fill it."""

    def __init__(self, empty_text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedLayout()
        self._layout.addLayout(self._stack)
        self._empty = QLabel(empty_text, self)
        self._empty.setObjectName("chartEmptyState")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self._empty)
        self._working = QLabel("Drawing the chart…", self)
        self._working.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self._working)
        self._plot: Any = None
        self._legend: Any = None
        self._stale = False

    # -- what tests and the window look at ---------------------------------------------------

    @property
    def empty_state(self) -> QLabel:
        """The guidance shown instead of the plot when there is nothing to draw."""
        return self._empty

    @property
    def plot_widget(self) -> Any:
        """The pyqtgraph ``PlotWidget``, or None until the chart was first drawn."""
        return self._plot

    def has_data(self) -> bool:
        """True when the data given has something to draw (and so something to export)."""
        raise NotImplementedError

    def show_working(self) -> None:
        """Say the chart is on its way while its figures are worked out (in steps, for a
        large log), rather than the guidance for an empty log. A plot already on screen
        stays until the new one replaces it."""
        if not self.is_showing_plot():
            self._stack.setCurrentWidget(self._working)

    def is_working(self) -> bool:
        return self._stack.currentWidget() is self._working

    def is_showing_plot(self) -> bool:
        return self._plot is not None and self._stack.currentWidget() is self._plot

    def axis_label(self, side: str) -> str:
        """The label of the ``left`` or ``bottom`` axis as drawn ("" before the first draw)."""
        if self._plot is None:
            return ""
        return str(self._plot.getPlotItem().getAxis(side).labelText)

    def legend_names(self) -> list[str]:
        """The legend's entries, top to bottom then left to right."""
        if self._legend is None:
            return []
        return [label.text for _, label in self._legend.items]

    # -- drawing -------------------------------------------------------------------------------

    def _draw(self, pg: Any, plot: Any, colours: Colours) -> None:
        raise NotImplementedError

    def _data_changed(self) -> None:
        """Draw now if on screen, else when next shown; or show the guidance."""
        if not self.has_data():
            self._stale = False
            if self._plot is not None:
                self._clear()
            self._stack.setCurrentWidget(self._empty)
            return
        self._stale = True
        if self.isVisible():
            self._render()

    def _render(self) -> None:
        pg = load_pyqtgraph()
        if self._plot is None:
            self._create_plot(pg)
        self._clear()
        colours = Colours.of(self.palette())
        self._apply_colours(pg, colours)
        self._draw(pg, self._plot.getPlotItem(), colours)
        self._space_legend()
        self._stale = False
        self._stack.setCurrentWidget(self._plot)

    def _create_plot(self, pg: Any) -> None:
        plot = pg.PlotWidget(axisItems=self._axis_items(pg))
        item = plot.getPlotItem()
        item.setContentsMargins(4, 12, 12, 4)  # keep the top tick label and bar ends off the edge
        item.setMenuEnabled(False)  # pyqtgraph's own menu speaks of transforms and log scales
        item.hideButtons()
        # No pan or zoom: with pyqtgraph's menu gone there would be no way back, and a wheel
        # turned to scroll the page would zoom the chart instead.
        item.getViewBox().setMouseEnabled(x=False, y=False)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        # Let the first label under the axis reach left of it instead of vanishing.
        item.getAxis("bottom").setStyle(hideOverlappingLabels=40)
        item.showGrid(x=False, y=True, alpha=0.15)
        self._legend = pg.LegendItem(colCount=5, horSpacing=6, frame=False)
        # Below the bottom axis, clear of the data, entries side by side from the left: a
        # legend stretched to the plot's width puts its two entries at opposite ends.
        # (horSpacing parts each swatch from its name; :meth:`_space_legend` the entries.)
        self._legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        item.layout.addItem(self._legend, 4, 1)
        item.layout.setAlignment(self._legend, Qt.AlignmentFlag.AlignLeft)
        self._plot = plot
        self._stack.addWidget(plot)

    def _axis_items(self, pg: Any) -> dict[str, Any]:
        return {}

    def _space_legend(self) -> None:
        """A wide gap after each entry's name, a narrow one between swatch and name, so
        each name reads with its own colour rather than with the next one's."""
        layout = self._legend.layout
        for column in range(1, layout.columnCount(), 2):  # (swatch, name) column pairs
            layout.setColumnSpacing(column, LEGEND_GAP)

    def _clear(self) -> None:
        self._plot.getPlotItem().clear()
        self._legend.clear()

    def _apply_colours(self, pg: Any, colours: Colours) -> None:
        self._plot.setBackground(colours.base)
        item = self._plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(colours.text))
            axis.setTextPen(pg.mkPen(colours.text))
        self._legend.setLabelTextColor(colours.text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._render()

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch between light and dark mode while the chart is open."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.is_showing_plot():
            self._stale = True
            if self.isVisible():
                self._render()

    def ready_to_draw(self) -> Iterator[None]:
        """Yield until the chart can be drawn without waiting for pyqtgraph to import
        (at once if it is hidden: it draws when shown). For a caller working in steps."""
        if self.isVisible():
            loaded = load_in_background()
            while not loaded():
                yield

    def _ensure_drawn(self) -> None:
        """Draw even while hidden, for an export."""
        if not self.has_data():
            raise ValueError("there is nothing to export yet")
        if self._stale or self._plot is None:
            self._render()

    def render_image(self, size: tuple[int, int] | None = None) -> QImage:
        """The chart as an image: ``size`` pixels (laid out afresh for it, the chart on
        screen put back as it was before anything is drawn there), or as on screen, or at
        :data:`EXPORT_SIZE` when hidden.

        Drawn at one pixel per pixel: scaling in pyqtgraph's exporter enlarges the axis text
        but not the legend's, which looks broken.
        """
        self._ensure_drawn()
        item = self._plot.getPlotItem()
        on_screen = QRectF(item.geometry()) if self.isVisible() else None
        if size is None and on_screen is None:  # never laid out on screen
            size = EXPORT_SIZE
        if size is not None:
            item.setGeometry(QRectF(0, 0, *size))
            item.layout.activate()
        try:
            exporter = load_pyqtgraph().exporters.ImageExporter(item)
            exporter.parameters()["width"] = round(item.size().width())
            image: QImage = exporter.export(toBytes=True)
        finally:
            if size is not None and on_screen is not None:
                item.setGeometry(on_screen)
                item.layout.activate()
        return image

    def export_png(self, path: Path) -> None:
        """Write the chart to ``path`` as a PNG of :data:`EXPORT_SIZE` (whatever its size on
        screen: fit for a media kit); a failed write leaves any old file as it was."""
        image = self.render_image(EXPORT_SIZE)
        out = QSaveFile(str(path))
        if not out.open(QIODevice.OpenModeFlag.WriteOnly):
            raise OSError(f"cannot write {path}: {out.errorString()}")
        writer = QImageWriter(out, b"PNG")
        if not writer.write(image):
            out.cancelWriting()
            raise OSError(f"cannot write {path}: {writer.errorString()}")
        if not out.commit():
            raise OSError(f"cannot write {path}: {out.errorString()}")


class Colours:
    """The palette's background and text colours, for drawing on either light or dark."""

    def __init__(self, base: QColor, text: QColor) -> None:
        self.base = base
        self.text = text

    @classmethod
    def of(cls, palette: QPalette) -> Colours:
        return cls(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text))
