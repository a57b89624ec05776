"""What the frozen LiveTally carries, shared by ``livetally.spec`` and ``bare-window.spec``.

The app uses QtCore, QtGui and QtWidgets, and pyqtgraph adds QtOpenGL, QtOpenGLWidgets
(imported when pyqtgraph is) and QtSvg (its SVG exporter). Everything else PySide6 or
PyInstaller's hooks would bring is left out:

- Python modules: the other Qt bindings, the Qt modules nobody imports (QML, Quick, 3D,
  Multimedia, WebEngine, ...), test and developer tools from the venv.
- Qt plugins the app cannot use (embedded-Linux platforms, evdev input, SQL drivers, TLS,
  network information, printing, QML tooling, the virtual keyboard, compositor-side Wayland)
  and all Qt translations (LiveTally ships none, so Qt's own would only half-translate it).
- Qt libraries that only those plugins needed: after the plugins go, a Qt library that no
  remaining binary links against is dropped (Linux and Windows; macOS frameworks stay).
- PyInstaller's runtime hook for multiprocessing (see :data:`DROPPED_RUNTIME_HOOKS`).
- On Linux, shared libraries of the operating system (``/usr/lib``, ``/lib``): the .deb
  depends on the Debian packages that provide them (see ``linux/depends.py``) instead of
  carrying the build machine's copies, which could clash with the graphics stack and the
  GTK/desktop libraries already loaded on the user's system.

Every rule is a plain function of a TOC entry's destination path, so tests can check them.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

#: PyInstaller runtime hooks left out. ``pyi_rth_multiprocessing`` imports multiprocessing
#: (and subprocess) before the first line of LiveTally runs, ~30 ms of every frozen start, only
#: so that ``multiprocessing.freeze_support()`` can run child processes: LiveTally starts none
#: and never calls it (a test reads the source for it). The module itself stays bundled:
#: numpy and pyqtgraph import it.
DROPPED_RUNTIME_HOOKS = frozenset({"pyi_rth_multiprocessing"})


def keep_script(name: str) -> bool:
    """Whether a script of the analysis (the app's, or a runtime hook) is kept."""
    return name not in DROPPED_RUNTIME_HOOKS


#: Python modules never bundled.
EXCLUDED_MODULES = [
    # other Qt bindings (pyqtgraph probes for them)
    "PyQt5",
    "PyQt6",
    "PySide2",
    "shiboken2",
    "sip",
    # Qt modules LiveTally and pyqtgraph do not use
    *(
        f"PySide6.{name}"
        for name in [
            "Qt3DAnimation",
            "Qt3DCore",
            "Qt3DExtras",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DRender",
            "QtAxContainer",
            "QtBluetooth",
            "QtCanvasPainter",
            "QtCharts",
            "QtConcurrent",
            "QtDBus",
            "QtDataVisualization",
            "QtDesigner",
            "QtGraphs",
            "QtGraphsWidgets",
            "QtHelp",
            "QtHttpServer",
            "QtLocation",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtNetwork",
            "QtNetworkAuth",
            "QtNfc",
            "QtPdf",
            "QtPdfWidgets",
            "QtPositioning",
            "QtPrintSupport",
            "QtQml",
            "QtQuick",
            "QtQuick3D",
            "QtQuickControls2",
            "QtQuickTest",
            "QtQuickWidgets",
            "QtRemoteObjects",
            "QtScxml",
            "QtSensors",
            "QtSerialBus",
            "QtSerialPort",
            "QtSpatialAudio",
            "QtSql",
            "QtStateMachine",
            "QtSvgWidgets",
            "QtTest",
            "QtTextToSpeech",
            "QtUiTools",
            "QtWebChannel",
            "QtWebEngineCore",
            "QtWebEngineQuick",
            "QtWebEngineWidgets",
            "QtWebSockets",
            "QtWebView",
            "QtXml",
        ]
    ),
    # pyqtgraph parts that need packages LiveTally does not ship
    "pyqtgraph.examples",
    "pyqtgraph.opengl",
    "pyqtgraph.jupyter",
    "OpenGL",
    "cupy",
    "numba",
    "scipy",
    "h5py",
    "matplotlib",
    "pandas",
    "PIL",
    "IPython",
    "jupyter_rfb",
    # the standard library's GUI and developer corners
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "readline",  # only for interactive prompts; its importers all cope without it
    "test",
    # what the venv holds for development
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "importlinter",
    "grimp",
    "setuptools",
    "pip",
    "livetally.screenshots",
]

#: Qt plugin folders kept; any other plugin folder is left out.
KEPT_PLUGIN_DIRS = frozenset(
    {
        "platforms",
        "platformthemes",
        "platforminputcontexts",
        "iconengines",
        "imageformats",
        "styles",
        "xcbglintegrations",
        "wayland-decoration-client",
        "wayland-graphics-integration-client",
        "wayland-shell-integration",
    }
)

#: Plugins left out of the kept folders (matched on the file name without lib prefix).
DROPPED_PLUGINS = re.compile(
    r"^(lib)?("
    r"qeglfs|qlinuxfb|qvnc|qvkkhrdisplay|qminimalegl|qdirect2d|qwebgl"  # embedded platforms
    r"|qtvirtualkeyboardplugin"  # needs Qt Quick
    r"|qpdf|qtiff|qwebp|qwbmp|qtga"  # image formats nobody opens in LiveTally
    r")\.(so|dll|dylib)$"
)

#: Large files dlopen()ed by Qt for features LiveTally does not use.
DROPPED_FILES = re.compile(r"^(opengl32sw\.dll)$", re.IGNORECASE)

#: A Qt library, in any platform's naming (libQt6Core.so.6, Qt6Core.dll, QtCore.framework).
QT_LIBRARY = re.compile(r"^(lib)?Qt6\w+(\.so(\.\d+)*|\.dll)$")

#: Operating-system library folders on Linux; what comes from there is a Debian dependency.
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/lib32/", "/usr/lib32/")
#: Found in a system folder, yet carried: the Python the app was frozen with, and whatever
#: a Debian-packaged Python keeps in its own folders (lib-dynload, dist-packages).
ALWAYS_CARRIED = re.compile(r"^libpython\d")
PYTHON_FOLDER = re.compile(r"/python\d[^/]*/|/(site|dist)-packages/")


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def is_qt_translation(dest: str) -> bool:
    parts = _parts(dest)
    return parts[:1] == ("PySide6",) and "translations" in parts and dest.endswith(".qm")


def is_unwanted_plugin(dest: str) -> bool:
    """A Qt plugin LiveTally cannot use (the rules above)."""
    parts = _parts(dest)
    if parts[:1] != ("PySide6",) or "plugins" not in parts:
        return False
    index = parts.index("plugins")
    if len(parts) < index + 3:
        return False
    folder, name = parts[index + 1], parts[-1]
    return folder not in KEPT_PLUGIN_DIRS or bool(DROPPED_PLUGINS.match(name))


def is_system_library(source: str) -> bool:
    """A Linux shared library installed by the operating system (not by pip or Python)."""
    if not sys.platform.startswith("linux") or not source:
        return False
    real = os.path.realpath(source)
    if not real.startswith(SYSTEM_LIBRARY_DIRS) or PYTHON_FOLDER.search(real):
        return False
    return not ALWAYS_CARRIED.match(os.path.basename(real))


def keep_entry(dest: str, source: str, typecode: str) -> bool:
    """Whether one Analysis TOC entry goes into the bundle (before Qt-library pruning)."""
    name = _parts(dest)[-1] if dest else ""
    if is_qt_translation(dest) or is_unwanted_plugin(dest) or DROPPED_FILES.match(name):
        return False
    return not (typecode == "BINARY" and is_system_library(source))


def prune_qt_libraries(
    binaries: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str] | None],
) -> list[tuple[str, str, str]]:
    """Drop Qt libraries no remaining binary links against, directly or through others.

    ``imports_of(source)`` gives the library file names a binary links against, or None
    when it cannot tell (then every Qt library is kept). Roots are every binary that is not
    a Qt library: Python extensions, Qt plugins, numpy's libraries, ... (SYMLINK entries
    are neither; ``drop_dangling_symlinks`` tidies them afterwards.)
    """
    entries = list(binaries)

    def base(dest: str) -> str:
        return _parts(dest)[-1].lower()

    files = [(dest, source) for dest, source, kind in entries if kind != "SYMLINK"]
    qt = {base(dest): source for dest, source in files if QT_LIBRARY.match(_parts(dest)[-1])}
    wanted: set[str] = set()
    queue = [source for dest, source in files if base(dest) not in qt]
    seen: set[str] = set()
    while queue:
        source = queue.pop()
        if source in seen:
            continue
        seen.add(source)
        names = imports_of(source)
        if names is None:
            return entries
        for name in (n.lower() for n in names):
            if name in qt and name not in wanted:
                wanted.add(name)
                queue.append(qt[name])
    return [
        entry
        for entry in entries
        if entry[2] == "SYMLINK" or base(entry[0]) not in qt or base(entry[0]) in wanted
    ]


def drop_dangling_symlinks(
    entries: Iterable[tuple[str, str, str]], kept: Iterable[str]
) -> list[tuple[str, str, str]]:
    """The entries less SYMLINKs whose target is not bundled (``kept``: the files' paths)."""
    entries = list(entries)
    targets = {_norm(dest) for dest in kept}
    links = {
        _norm(dest): posixpath.normpath(posixpath.join(posixpath.dirname(_norm(dest)), _norm(src)))
        for dest, src, kind in entries
        if kind == "SYMLINK"
    }
    live: set[str] = set()
    while True:  # a link may point at another link
        more = {link for link, target in links.items() if target in targets | live} - live
        if not more:
            break
        live |= more
    return [entry for entry in entries if entry[2] != "SYMLINK" or _norm(entry[0]) in live]


def _norm(path: str) -> str:
    return path.replace("\\", "/")


def pyinstaller_imports(source: str) -> list[str] | None:
    """The library names ``source`` links against, as PyInstaller's own analysis sees them."""
    from PyInstaller.depend import bindepend

    try:
        return [os.path.basename(name) for name, _ in bindepend.get_imports(source)]
    except Exception:  # a file PyInstaller cannot read: keep everything it might need
        return None


def strip_python_debug_info(bundle: Path) -> list[Path]:
    """Strip debug sections from the Python runtime in a Linux bundle; the files stripped.

    Python builds such as pyenv's keep their debug information (over 30 MB). Only the
    interpreter's own files are touched: wheels' libraries are already stripped, and some
    (patched by auditwheel) must not be rewritten.
    """
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return []
    internal = bundle / "_internal"
    files = [*internal.glob("libpython*.so*"), *internal.glob("python3*/lib-dynload/*.so")]
    files = [path for path in files if path.is_file() and not path.is_symlink()]
    if files:
        subprocess.run([strip, "--strip-debug", *map(str, files)], check=True)
    return files


def apply(analysis: object) -> None:
    """Apply every rule to a PyInstaller ``Analysis`` in place."""
    binaries = [entry for entry in analysis.binaries if keep_entry(*entry)]  # type: ignore[attr-defined]
    datas = [entry for entry in analysis.datas if keep_entry(*entry)]  # type: ignore[attr-defined]
    if sys.platform != "darwin":  # frameworks come with symlinks; keep macOS conventional
        binaries = prune_qt_libraries(binaries, pyinstaller_imports)
        kept = [dest for dest, _, kind in binaries + datas if kind != "SYMLINK"]
        binaries = drop_dangling_symlinks(binaries, kept)
        datas = drop_dangling_symlinks(datas, kept)
    analysis.binaries = binaries  # type: ignore[attr-defined]
    analysis.datas = datas  # type: ignore[attr-defined]
    analysis.scripts = [  # type: ignore[attr-defined]
        entry
        for entry in analysis.scripts  # type: ignore[attr-defined]
        if keep_script(entry[0])
    ]
