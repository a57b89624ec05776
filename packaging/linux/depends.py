"""The Debian packages a frozen LiveTally needs: from the libraries its binaries link against.

The bundle carries Python, PySide6/Qt, numpy and LiveTally; the operating system provides
the rest (the C and C++ runtimes, GLib, fontconfig, X11/xcb, OpenGL, ...), left out of the
bundle on purpose by ``bundle_rules.py``. This module reads every ELF file in the bundle
(``objdump -p``, from binutils, which PyInstaller needs anyway), takes the libraries they
link against that the bundle does not carry, and maps each to its Debian package with
:data:`SONAME_PACKAGES`. A library missing from that table stops the build with a message
naming it, the files that need it and the package that provides it here, so the table is
extended knowingly rather than guessed.

Libraries needed only by optional Qt plugins (the GTK theme, Wayland, GLX) become
``Recommends``: without them Qt falls back to its own theme and to X11.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Library file name (soname) -> Debian package, "new | old" where Debian/Ubuntu renamed it
#: (the 64-bit time_t transition added "t64"). Checked in order; the first match wins.
SONAME_PACKAGES: tuple[tuple[str, str], ...] = (
    (r"(libc|libm|libdl|libpthread|librt|libutil|libresolv)\.so\.\d+", "libc6"),
    (r"ld-linux[-\w]*\.so\.\d+", "libc6"),
    (r"libstdc\+\+\.so\.6", "libstdc++6"),
    (r"libgcc_s\.so\.1", "libgcc-s1"),
    (r"libz\.so\.1", "zlib1g"),
    (r"libzstd\.so\.1", "libzstd1"),
    (r"libbz2\.so\.1\.0", "libbz2-1.0"),
    (r"liblzma\.so\.5", "liblzma5"),
    (r"libffi\.so\.8", "libffi8"),
    (r"libsqlite3\.so\.0", "libsqlite3-0"),
    (r"lib(ssl|crypto)\.so\.3", "libssl3t64 | libssl3"),
    (r"libuuid\.so\.1", "libuuid1"),
    (r"libexpat\.so\.1", "libexpat1"),
    (r"libreadline\.so\.8", "libreadline8t64 | libreadline8"),
    (r"libtinfo\.so\.6", "libtinfo6"),
    (r"libncursesw\.so\.6", "libncursesw6"),
    (r"libcrypt\.so\.1", "libcrypt1"),
    (r"libmpdec\.so\.3", "libmpdec3"),
    (r"libgdbm\.so\.6", "libgdbm6t64 | libgdbm6"),
    (r"lib(glib|gthread|gobject|gio|gmodule)-2\.0\.so\.0", "libglib2.0-0t64 | libglib2.0-0"),
    (r"libdbus-1\.so\.3", "libdbus-1-3"),
    (r"libfontconfig\.so\.1", "libfontconfig1"),
    (r"libfreetype\.so\.6", "libfreetype6"),
    (r"libharfbuzz\.so\.0", "libharfbuzz0b"),
    (r"libpng16\.so\.16", "libpng16-16t64 | libpng16-16"),
    (r"libX11\.so\.6", "libx11-6"),
    (r"libX11-xcb\.so\.1", "libx11-xcb1"),
    (r"libxcb\.so\.1", "libxcb1"),
    (r"libxcb-([a-z-]+)\.so\.(\d+)", r"libxcb-\1\2"),
    (r"libxkbcommon\.so\.0", "libxkbcommon0"),
    (r"libxkbcommon-x11\.so\.0", "libxkbcommon-x11-0"),
    (r"libGL\.so\.1", "libgl1"),
    (r"libEGL\.so\.1", "libegl1"),
    (r"libOpenGL\.so\.0", "libopengl0"),
    (r"libGLX\.so\.0", "libglx0"),
    (r"libdrm\.so\.2", "libdrm2"),
    (r"libgbm\.so\.1", "libgbm1"),
    (r"libwayland-client\.so\.0", "libwayland-client0"),
    (r"libwayland-cursor\.so\.0", "libwayland-cursor0"),
    (r"libwayland-egl\.so\.1", "libwayland-egl1"),
    (r"lib(gtk|gdk)-3\.so\.0", "libgtk-3-0t64 | libgtk-3-0"),
    (r"libatk-1\.0\.so\.0", "libatk1.0-0t64 | libatk1.0-0"),
    (r"libcairo\.so\.2", "libcairo2"),
    (r"libcairo-gobject\.so\.2", "libcairo-gobject2"),
    (r"libgdk_pixbuf-2\.0\.so\.0", "libgdk-pixbuf-2.0-0 | libgdk-pixbuf2.0-0"),
    (r"libpango-1\.0\.so\.0", "libpango-1.0-0"),
    (r"libpangocairo-1\.0\.so\.0", "libpangocairo-1.0-0"),
)

#: A Qt library file (libQt6Core.so.6): part of the core only when the core links to it.
QT_LIBRARY = re.compile(r"^libQt6\w+\.so(\.\d+)*$")

#: Bundle paths (relative, POSIX) of optional Qt plugins: their own needs are Recommends.
OPTIONAL_PLUGINS = re.compile(
    r"/plugins/(platformthemes|wayland-[\w-]+|xcbglintegrations)/"
    r"|/plugins/platforms/libqwayland[\w-]*\.so$"
)


class UnknownLibrary(Exception):
    """A library the bundle needs that :data:`SONAME_PACKAGES` cannot name a package for."""


@dataclass
class ElfInfo:
    needed: list[str] = field(default_factory=list)
    glibc: tuple[int, ...] = ()  # the newest GLIBC_x.y symbol version referenced


@dataclass
class Dependencies:
    depends: list[str]
    recommends: list[str]
    #: soname -> bundle files needing it, for every library the system must provide
    needed_by: dict[str, list[str]]


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


_GLIBC = re.compile(r"\bGLIBC_(\d+(?:\.\d+)+)\b")


def read_elf(path: Path) -> ElfInfo:
    """The libraries ``path`` links against and the newest glibc symbol version it uses."""
    objdump = shutil.which("objdump")
    if objdump is None:
        raise RuntimeError("objdump not found: install binutils (PyInstaller needs it too)")
    out = subprocess.run(
        [objdump, "-p", str(path)], capture_output=True, text=True, check=True
    ).stdout
    info = ElfInfo()
    for line in out.splitlines():
        words = line.split()
        if len(words) == 2 and words[0] == "NEEDED":
            info.needed.append(words[1])
    versions = [tuple(int(n) for n in v.split(".")) for v in _GLIBC.findall(out)]
    info.glibc = max(versions, default=())
    return info


def package_for(soname: str) -> str | None:
    for pattern, package in SONAME_PACKAGES:
        match = re.fullmatch(pattern, soname)
        if match:
            return match.expand(package)
    return None


def owning_package(soname: str) -> str:
    """Which installed package provides ``soname`` here, for the error message."""
    try:
        cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
        paths = [line.rsplit("=>", 1)[1].strip() for line in cache.splitlines() if soname in line]
        for path in paths:
            real = Path(path).resolve()
            for candidate in (str(real), str(real).replace("/usr/lib/", "/lib/", 1)):
                found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
                if found.returncode == 0:
                    return found.stdout.split(":", 1)[0]
    except (OSError, IndexError):
        pass
    return "unknown"


def bundle_dependencies(bundle: Path) -> Dependencies:
    """Depends and Recommends for the onedir ``bundle`` (e.g. dist/livetally).

    The core is every ELF file but the optional plugins and the Qt libraries, plus the Qt
    libraries the core links against (directly or through others): what the core needs is
    Depends. The rest (the optional plugins and the Qt libraries only they use, such as
    Qt's Wayland client) adds Recommends.
    """
    files = sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    carried = {p.name for p in bundle.rglob("*")}
    elves = {path: read_elf(path) for path in files if is_elf(path)}
    by_name = {path.name: path for path in elves}

    def relative(path: Path) -> str:
        return path.relative_to(bundle).as_posix()

    roots = [
        path
        for path in elves
        if not OPTIONAL_PLUGINS.search("/" + relative(path)) and not QT_LIBRARY.match(path.name)
    ]
    core: set[Path] = set()
    queue = list(roots)
    while queue:
        path = queue.pop()
        if path in core:
            continue
        core.add(path)
        queue.extend(by_name[n] for n in elves[path].needed if n in by_name)

    needed_core: dict[str, list[str]] = {}
    needed_optional: dict[str, list[str]] = {}
    for path, info in elves.items():
        target = needed_core if path in core else needed_optional
        for soname in info.needed:
            if soname not in carried:
                target.setdefault(soname, []).append(relative(path))
    glibc = max((info.glibc for path, info in elves.items() if path in core), default=())
    unknown = sorted(set(needed_core) | set(needed_optional), key=str.lower)
    unknown = [soname for soname in unknown if package_for(soname) is None]
    if unknown:
        lines = [
            f"  {soname} (needed by"
            f" {', '.join((needed_core.get(soname) or needed_optional[soname])[:3])};"
            f" provided here by {owning_package(soname)})"
            for soname in unknown
        ]
        raise UnknownLibrary(
            "the bundle needs system libraries packaging/linux/depends.py cannot map to a "
            "Debian package; add them to SONAME_PACKAGES (or leave them out of the bundle):\n"
            + "\n".join(lines)
        )
    depends = _packages(needed_core)
    recommends = [p for p in _packages(needed_optional) if p not in depends]
    if glibc and "libc6" in depends:
        depends[depends.index("libc6")] = f"libc6 (>= {'.'.join(map(str, glibc))})"
    needed_by = {k: sorted(set(v)) for k, v in {**needed_optional, **needed_core}.items()}
    return Dependencies(depends, recommends, needed_by)


def _packages(sonames: Iterable[str]) -> list[str]:
    return sorted({package_for(soname) or "" for soname in sonames} - {""})


if __name__ == "__main__":
    import sys

    found = bundle_dependencies(Path(sys.argv[1] if len(sys.argv) > 1 else "dist/livetally"))
    print("Depends:", ", ".join(found.depends))
    print("Recommends:", ", ".join(found.recommends))
