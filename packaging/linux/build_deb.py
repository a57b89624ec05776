"""Build the LiveTally .deb from the PyInstaller onedir, with dpkg-deb.

    python packaging/linux/build_deb.py [--bundle dist/livetally] [--out dist]

Layout of the package:

    /opt/livetally/                         the onedir (livetally + _internal/)
    /usr/bin/livetally                      -> /opt/livetally/livetally
    /usr/share/applications/livetally.desktop
    /usr/share/metainfo/io.github.livetally.LiveTally.metainfo.xml
    /usr/share/icons/hicolor/{16x16..512x512,scalable}/apps/livetally.{png,svg}
    /usr/share/doc/livetally/copyright

Depends and Recommends come from the libraries the bundle links against (``depends.py``).
No maintainer scripts: dpkg's triggers refresh the icon cache and the desktop database.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT / "desktop")]

from depends import bundle_dependencies  # noqa: E402

from livetally import __version__  # noqa: E402

PACKAGE = "livetally"
APP_ID = "io.github.livetally.LiveTally"
DESKTOP_FILE = "livetally.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
MAINTAINER = os.environ.get("DEB_MAINTAINER", "LiveTally developers <livetally@users.invalid>")
DESCRIPTION = """\
Earnings tracker for TikTok LIVE creators
 After a stream, type in the coins or the gifts you received: LiveTally turns
 them into diamonds and cash at your country's rates, shows what viewers paid
 and what TikTok kept, and tells you how far you are from the payout minimum.
 .
 It keeps a log of every stream and of every other income (brand deals,
 affiliate, merchandise, rewards programs) and charts earnings across sources.
 Likes are engagement, never money."""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: LiveTally

Files: *
Copyright: LiveTally developers
License: MIT

Files: opt/livetally/_internal/resources/gifts.toml
Copyright: rqinix (TNTCoin gift list)
License: MIT
Comment: see /opt/livetally/_internal/resources/gifts-LICENSE.txt

Files: opt/livetally/_internal/*
Comment: The bundled runtime keeps its own licences: Python (PSF License), Qt and
 PySide6 (LGPL-3.0, their licence texts ship with the PySide6 wheel), shiboken6
 (LGPL-3.0), numpy (BSD-3-Clause), pyqtgraph (MIT), tomlkit (MIT), platformdirs (MIT),
 ijson (BSD-3-Clause, with yajl: ISC).

License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of
 this software and associated documentation files (the "Software"), to deal in
 the Software without restriction, including without limitation the rights to
 use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
 the Software, and to permit persons to whom the Software is furnished to do so,
 subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all
 copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
 FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
 COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN
 AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
 WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _normalise_modes(root: Path) -> None:
    """0755 folders and executables, 0644 other files: the same whatever the umask was."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if path.is_dir() or mode & stat.S_IXUSR:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _installed_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_relative_to(root / "DEBIAN"):
            continue
        total += path.lstat().st_size if path.is_symlink() or path.is_file() else 4096
    return (total + 1023) // 1024


def stage(bundle: Path, staging: Path, version: str = __version__) -> Path:
    """Lay out the package tree in ``staging`` (emptied first); its path."""
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"{bundle}: no '{PACKAGE}' executable here; run PyInstaller first")
    if staging.exists():
        shutil.rmtree(staging)
    share = staging / "usr" / "share"
    shutil.copytree(bundle, staging / "opt" / PACKAGE, symlinks=True)
    (staging / "usr" / "bin").mkdir(parents=True)
    (staging / "usr" / "bin" / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")
    resources = ROOT / "resources"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(resources / DESKTOP_FILE, share / "applications" / DESKTOP_FILE)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(resources / METAINFO_FILE, share / "metainfo" / METAINFO_FILE)
    shutil.copytree(resources / "icons" / "hicolor", share / "icons" / "hicolor")
    (share / "doc" / PACKAGE).mkdir(parents=True)
    (share / "doc" / PACKAGE / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    _normalise_modes(staging)

    found = bundle_dependencies(staging / "opt" / PACKAGE)
    fields = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": architecture(),
        "Maintainer": MAINTAINER,
        "Installed-Size": str(_installed_size_kib(staging)),
        "Depends": ", ".join(found.depends),
        "Recommends": ", ".join(found.recommends),
        "Section": "utils",
        "Priority": "optional",
        "Description": DESCRIPTION,
    }
    control = "".join(f"{key}: {value}\n" for key, value in fields.items() if value)
    (staging / "DEBIAN").mkdir(mode=0o755)
    (staging / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    (staging / "DEBIAN" / "control").chmod(0o644)
    return staging


def build(bundle: Path, out: Path, work: Path) -> Path:
    staging = stage(bundle, work / "deb-root")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{PACKAGE}_{__version__}_{architecture()}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "deb")
    args = parser.parse_args(argv)
    target = build(args.bundle, args.out, args.work)
    print(f"built {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
