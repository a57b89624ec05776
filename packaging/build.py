"""Build LiveTally's standalone app and this platform's installer (`make package` runs it).

    python packaging/build.py           # the app, then the installer for this platform
    python packaging/build.py app       # only the PyInstaller onedir (and .app on macOS)
    python packaging/build.py deb       # Linux: dist/livetally_<version>_<arch>.deb
    python packaging/build.py nsis      # Windows: dist/LiveTally-<version>-setup.exe
    python packaging/build.py dmg       # macOS: dist/LiveTally-<version>.dmg
    python packaging/build.py bare      # the start-up baseline for `make package-test`

Outputs go to dist/ (the onedir is dist/livetally/); PyInstaller's work files to build/.
Needs the `package` extra (`pip install -e '.[package]'`, or `make package-tools`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
BUILD = ROOT / "build"
BARE_DIST = BUILD / "bare-window-dist"
sys.path[:0] = [str(HERE), str(ROOT / "desktop")]

from icon_formats import write_icons  # noqa: E402

from livetally import __version__  # noqa: E402


def _step(title: str) -> float:
    print(f"==> {title}", flush=True)
    return time.monotonic()


def _done(started: float, what: str) -> None:
    print(f"    {what} ({time.monotonic() - started:.0f} s)", flush=True)


def pyinstaller(spec: Path, distpath: Path, workpath: Path, clean: bool = False) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    if clean:
        command.append("--clean")
    command += ["--distpath", str(distpath), "--workpath", str(workpath), str(spec)]
    subprocess.run(command, check=True, cwd=ROOT)


def build_app(clean: bool = False) -> Path:
    started = _step(f"PyInstaller: LiveTally {__version__} (onedir)")
    pyinstaller(HERE / "livetally.spec", DIST, BUILD / "pyinstaller", clean)
    bundle = DIST / "livetally"
    _done(started, f"{bundle.relative_to(ROOT)}: {tree_size(bundle) / 1e6:.1f} MB")
    return bundle


def build_bare(clean: bool = False) -> Path:
    started = _step("PyInstaller: the bare PySide6 window (start-up baseline)")
    pyinstaller(HERE / "bare-window.spec", BARE_DIST, BUILD / "pyinstaller-bare", clean)
    bundle = BARE_DIST / "bare-window"
    _done(started, f"{bundle.relative_to(ROOT)}: {tree_size(bundle) / 1e6:.1f} MB")
    return bundle


def build_deb() -> Path:
    sys.path.insert(0, str(HERE / "linux"))
    import build_deb as deb

    started = _step("dpkg-deb: the Linux package")
    target = deb.build(DIST / "livetally", DIST, BUILD / "deb")
    _done(started, f"{target.relative_to(ROOT)}: {target.stat().st_size / 1e6:.1f} MB")
    return target


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "NSIS" / "makensis.exe").exists():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def nsis_command(makensis: str, source: Path, outfile: Path, icon: Path) -> list[str]:
    numbers = [part for part in __version__.split(".") if part.isdigit()][:4]
    version4 = ".".join(numbers + ["0"] * (4 - len(numbers)))
    flag = "/" if sys.platform == "win32" else "-"
    return [
        makensis,
        f"{flag}V2",
        f"{flag}DVERSION={__version__}",
        f"{flag}DVERSION4={version4}",
        f"{flag}DSOURCE_DIR={source}",
        f"{flag}DOUTFILE={outfile}",
        f"{flag}DICON={icon}",
        str(HERE / "windows" / "livetally.nsi"),
    ]


def build_nsis() -> Path:
    makensis = find_makensis()
    if makensis is None:
        raise SystemExit("makensis not found: install NSIS (choco install nsis / apt install nsis)")
    started = _step("makensis: the Windows installer")
    ico, _ = write_icons(BUILD / "icons")
    target = DIST / f"LiveTally-{__version__}-setup.exe"
    subprocess.run(nsis_command(makensis, DIST / "livetally", target, ico), check=True)
    _done(started, f"{target.relative_to(ROOT)}: {target.stat().st_size / 1e6:.1f} MB")
    return target


def build_dmg() -> Path:
    started = _step("hdiutil: the macOS disk image")
    app = DIST / "LiveTally.app"
    subprocess.run(["bash", str(HERE / "macos" / "make_dmg.sh"), str(app), __version__], check=True)
    target = DIST / f"LiveTally-{__version__}.dmg"
    _done(started, f"{target.relative_to(ROOT)}")
    return target


def tree_size(folder: Path) -> int:
    """Bytes in the files under ``folder`` (symbolic links count as themselves)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def installer_for_platform() -> str:
    if sys.platform.startswith("linux"):
        return "deb"
    if sys.platform == "win32":
        return "nsis"
    if sys.platform == "darwin":
        return "dmg"
    raise SystemExit(f"no installer is made on {sys.platform}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "what", nargs="*", choices=["all", "app", "deb", "nsis", "dmg", "bare"], default="all"
    )
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    args = parser.parse_args(argv)
    wanted = [args.what] if isinstance(args.what, str) else args.what
    if "all" in wanted:
        wanted = ["app", installer_for_platform()]
    builders = {
        "app": lambda: build_app(args.clean),
        "bare": lambda: build_bare(args.clean),
        "deb": build_deb,
        "nsis": build_nsis,
        "dmg": build_dmg,
    }
    for name in wanted:
        builders[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
