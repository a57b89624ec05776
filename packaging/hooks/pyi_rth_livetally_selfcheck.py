"""Runtime hook: with LIVETALLY_SELFCHECK=charts, prove the frozen charts work, then exit.

``livetally --smoke`` checks the window, a conversion and the ledger, but the charts load
pyqtgraph (and numpy) only when one is first drawn, so the smoke run never imports them.
``make package-test`` runs the frozen app once with this variable set: pyqtgraph and its
exporters must import, draw a plot and write it as a PNG, as the Stream log and Income tabs
do. Without the variable this hook does nothing but read the environment.
"""


def _selfcheck_charts() -> int:
    import os
    import sys
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph
    import pyqtgraph.exporters
    from PySide6.QtWidgets import QApplication

    import livetally.ui.charts  # noqa: F401  (the app's chart module imports frozen)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    plot = pyqtgraph.PlotWidget()
    plot.plot([0, 1, 2, 3], [50, 20, 80, 40])
    plot.addItem(pyqtgraph.BarGraphItem(x=[0, 1], height=[3, 5], width=0.6))
    plot.resize(400, 300)
    plot.show()
    app.processEvents()
    with tempfile.TemporaryDirectory(prefix="livetally-selfcheck-") as folder:
        target = os.path.join(folder, "chart.png")
        pyqtgraph.exporters.ImageExporter(plot.getPlotItem()).export(target)
        size = os.path.getsize(target) if os.path.exists(target) else 0
    plot.close()
    if size <= 0:
        print("livetally selfcheck: FAILED: the chart was not written as a PNG", file=sys.stderr)
        return 1
    print(f"livetally selfcheck: ok (pyqtgraph {pyqtgraph.__version__}, chart PNG {size} bytes)")
    return 0


def _run() -> None:
    import os

    if os.environ.get("LIVETALLY_SELFCHECK") == "charts":
        raise SystemExit(_selfcheck_charts())


_run()
