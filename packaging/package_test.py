"""`make package-test`: install the .deb as a user would, use it, measure it, remove it.

Runs after `make package` (dist/livetally/ and dist/livetally_<version>_<arch>.deb):

1. builds the start-up baseline, a bare PySide6 window frozen the same way;
2. checks the frozen bundle: resources present, nothing it should leave out, and the
   charts (pyqtgraph, numpy) import and draw frozen (LIVETALLY_SELFCHECK=charts);
3. `apt-get install ./dist/livetally_….deb` (Depends resolved by apt, Recommends not);
4. checks the installed files, `desktop-file-validate` and `appstreamcli validate --no-net`;
5. runs the installed `/usr/bin/livetally --smoke` on a virtual X screen (xvfb-run, the
   real xcb platform plugin, so the package's Depends are exercised);
6. times `livetally --quit-after-show` against the bare window, alternately;
7. `apt-get remove livetally` and checks /opt/livetally and /usr/bin/livetally are gone.

It prints the figures, writes them to build/package.json and exits non-zero when a check
fails or a size target is missed. The start-up ratio is reported against its target; set
PACKAGE_TEST_STRICT=1 to fail on it too (timings vary with the machine). Needs root, or
password-less sudo, for apt.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "desktop")]

import build  # noqa: E402
import startup  # noqa: E402

from livetally import __version__  # noqa: E402

ONEDIR_LIMIT_MB = 200
DEB_LIMIT_MB = 70
START_RATIO_LIMIT = 1.5
START_RUNS = 7
APP_ID = "io.github.livetally.LiveTally"
INSTALLED = {
    "program": Path("/opt/livetally/livetally"),
    "command": Path("/usr/bin/livetally"),
    "desktop entry": Path("/usr/share/applications/livetally.desktop"),
    "metainfo": Path(f"/usr/share/metainfo/{APP_ID}.metainfo.xml"),
    "SVG icon": Path("/usr/share/icons/hicolor/scalable/apps/livetally.svg"),
    "48 px icon": Path("/usr/share/icons/hicolor/48x48/apps/livetally.png"),
    "copyright": Path("/usr/share/doc/livetally/copyright"),
}
#: Things the bundle must not carry (paths relative to _internal/, as globs).
NOT_BUNDLED = (
    "PyQt5",
    "PyQt6",
    "PySide2",
    "PySide6/Qt/translations/*",
    "PySide6/Qt/lib/libQt6Qml*",
    "PySide6/Qt/lib/libQt6Quick*",
    "PySide6/Qt/lib/libQt6WebEngine*",
    "PySide6/Qt/lib/libQt63D*",
    "PySide6/Qt/lib/libQt6Multimedia*",
    "PySide6/Qt/lib/libQt6Network*",
    "PySide6/Qt/plugins/sqldrivers",
    "PySide6/Qt/plugins/tls",
    "PySide6/QtNetwork*",
    "PySide6/QtQml*",
    "libxcb-cursor.so*",
    "libfontconfig.so*",
    "libstdc++.so*",
)
RESOURCES = ("settings.toml", "gifts.toml", "gifts-LICENSE.txt")


class Checks:
    """Named checks, each printed as it passes or fails; failures are collected."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def run(self, name: str, check: Callable[[], str | None]) -> bool:
        started = time.monotonic()
        try:
            detail = check()
        except Exception as error:  # one failing check must not hide the others
            self.failures.append(f"{name}: {error}")
            print(f"  FAIL  {name}: {error}", flush=True)
            return False
        took = time.monotonic() - started
        print(f"  ok    {name}{f' ({detail})' if detail else ''} [{took:.1f} s]", flush=True)
        return True


def run(command: Sequence[str | Path], timeout: float = 600, **kwargs: object) -> str:
    """Run ``command``; its output, or an exception carrying the end of it."""
    done = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,  # type: ignore[arg-type]
    )
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise RuntimeError(
            f"{Path(str(command[0])).name} exited {done.returncode}: {output[-1500:]}"
        )
    return done.stdout + done.stderr


def as_root(command: Sequence[str | Path]) -> list[str]:
    if os.geteuid() == 0:
        return [str(part) for part in command]
    if shutil.which("sudo"):
        return ["sudo", "-n", *map(str, command)]
    raise RuntimeError("installing a .deb needs root (or password-less sudo)")


APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


def x_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVETALLY_")}
    env["QT_QPA_PLATFORM"] = "xcb"
    return env


def _missing_prerequisite(onedir: Path, deb: Path) -> str | None:
    """What the checks need and is not there (the built package, a tool), or None."""
    for required in (onedir / "livetally", deb):
        if not required.exists():
            return f"{required} is missing; run `make package` first"
    for tool in ("xvfb-run", "desktop-file-validate", "appstreamcli", "apt-get"):
        if shutil.which(tool) is None:
            return f"`{tool}` is missing (bash .ci/run installs it)"
    return None


def main() -> int:
    started = time.monotonic()
    deb = build.DIST / f"livetally_{__version__}_{_architecture()}.deb"
    onedir = build.DIST / "livetally"
    missing = _missing_prerequisite(onedir, deb)
    if missing is not None:
        print(f"package-test: {missing}", file=sys.stderr)
        return 1

    bare = build.build_bare()
    checks = Checks()
    print("==> Checks", flush=True)
    checks.run("the bundle carries resources/", lambda: _resources(onedir))
    checks.run("the bundle leaves out unused Qt parts and system libraries", lambda: _lean(onedir))
    checks.run("charts draw frozen (pyqtgraph, numpy)", lambda: _charts(onedir))

    installed = False
    timing: startup.Timing | None = None
    try:
        installed = checks.run("apt-get install ./" + deb.name, lambda: _install(deb))
        if installed:
            checks.run("installed files", _installed_files)
            checks.run("desktop-file-validate", lambda: _validate_desktop())
            checks.run("appstreamcli validate --no-net", lambda: _validate_metainfo())
            checks.run("livetally --version", lambda: _version())
            checks.run("livetally --smoke (installed, xcb on Xvfb)", _smoke)

            def measure() -> str:
                nonlocal timing
                timing = _startup(bare)
                return f"{timing.a_median:.0f} ms vs {timing.b_median:.0f} ms"

            checks.run(f"start-up, {START_RUNS} alternated runs each", measure)
    finally:
        if installed:
            checks.run("apt-get remove livetally leaves nothing", _remove)

    onedir_mb = build.tree_size(onedir) / 1e6
    deb_mb = deb.stat().st_size / 1e6
    figures: dict[str, object] = {
        "version": __version__,
        "onedir_mb": round(onedir_mb, 1),
        "onedir_limit_mb": ONEDIR_LIMIT_MB,
        "deb_mb": round(deb_mb, 1),
        "deb_limit_mb": DEB_LIMIT_MB,
        "deb_file": deb.name,
        "start_runs": START_RUNS,
        "start_ratio_limit": START_RATIO_LIMIT,
        "failures": checks.failures,
    }
    if timing is not None:
        figures.update(
            start_app_ms=round(timing.a_median, 1),
            start_bare_ms=round(timing.b_median, 1),
            start_ratio=round(timing.ratio, 2),
            start_app_runs_ms=[round(t, 1) for t in timing.a_ms],
            start_bare_runs_ms=[round(t, 1) for t in timing.b_ms],
        )
    onedir_ok, deb_ok = onedir_mb <= ONEDIR_LIMIT_MB, deb_mb <= DEB_LIMIT_MB
    ratio_ok = timing is not None and timing.ratio <= START_RATIO_LIMIT
    figures["targets_met"] = {"onedir": onedir_ok, "deb": deb_ok, "start_ratio": ratio_ok}
    figures["package_test_seconds"] = round(time.monotonic() - started, 1)
    report = ROOT / "build" / "package.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")

    def row(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"  {label:<42} {value:>9}   {target:<10} {verdict}".rstrip())

    print()
    print(f"LiveTally {__version__}: package figures (1 MB = 1,000,000 bytes)")
    row("onedir   dist/livetally/", f"{onedir_mb:.1f} MB", f"<= {ONEDIR_LIMIT_MB} MB", onedir_ok)
    row(f".deb     {deb.name}", f"{deb_mb:.1f} MB", f"<= {DEB_LIMIT_MB} MB", deb_ok)
    if timing is not None:
        runs = START_RUNS
        row(f"start    frozen LiveTally (median of {runs})", f"{timing.a_median:.0f} ms")
        row(f"start    frozen bare window (median of {runs})", f"{timing.b_median:.0f} ms")
        row("start    ratio", f"{timing.ratio:.2f} x", f"<= {START_RATIO_LIMIT} x", ratio_ok)
        a_runs = " ".join(f"{t:.0f}" for t in timing.a_ms)
        b_runs = " ".join(f"{t:.0f}" for t in timing.b_ms)
        print(f"  runs in order (ms): LiveTally {a_runs}; bare window {b_runs}")
    took = figures["package_test_seconds"]
    print(f"  written to {report.relative_to(ROOT)}; the checks took {took} s")

    size_ok = onedir_ok and deb_ok
    failed = bool(checks.failures) or not size_ok
    if timing is not None and not ratio_ok:
        strict = os.environ.get("PACKAGE_TEST_STRICT") == "1"
        print(
            f"package-test: {'FAILED' if strict else 'warning'}: LiveTally starts "
            f"{timing.ratio:.2f}x as slowly as a bare window (target {START_RATIO_LIMIT}x)",
            file=sys.stderr,
        )
        failed = failed or strict
    for failure in checks.failures:
        print(f"package-test: FAILED: {failure}", file=sys.stderr)
    if not size_ok:
        print("package-test: FAILED: a size target is missed", file=sys.stderr)
    return 1 if failed else 0


def _architecture() -> str:
    return run(["dpkg", "--print-architecture"]).strip()


def _resources(onedir: Path) -> str:
    folder = onedir / "_internal" / "resources"
    missing = [name for name in RESOURCES if not (folder / name).is_file()]
    if missing:
        raise RuntimeError(f"missing from {folder}: {', '.join(missing)}")
    return ", ".join(RESOURCES)


def _lean(onedir: Path) -> str:
    internal = onedir / "_internal"
    found = sorted({str(p.relative_to(internal)) for g in NOT_BUNDLED for p in internal.glob(g)})
    if found:
        raise RuntimeError(f"bundled but should not be: {', '.join(found[:12])}")
    return f"{len(NOT_BUNDLED)} patterns absent"


def _charts(onedir: Path) -> str:
    env = {**os.environ, "LIVETALLY_SELFCHECK": "charts", "QT_QPA_PLATFORM": "offscreen"}
    out = run([onedir / "livetally"], timeout=120, env=env)
    if "selfcheck: ok" not in out:
        raise RuntimeError(f"unexpected output: {out.strip()[-500:]}")
    return out.strip().splitlines()[-1].split("ok (", 1)[-1].rstrip(")")


def _install(deb: Path) -> str:
    command = ["apt-get", "install", "-y", "-q", "--reinstall", "--allow-downgrades"]
    command += ["--no-install-recommends", f"./{deb.relative_to(ROOT)}"]
    try:
        run(as_root(command), cwd=ROOT, env=APT_ENV)
    except RuntimeError:  # a dependency to download, and package lists never fetched here
        run(as_root(["apt-get", "update", "-qq"]), env=APT_ENV)
        run(as_root(command), cwd=ROOT, env=APT_ENV)
    status = run(["dpkg-query", "-W", "-f=${Status} ${Version}", "livetally"])
    if not status.startswith("install ok installed"):
        raise RuntimeError(f"dpkg reports: {status}")
    return status.rsplit(" ", 1)[-1]


def _installed_files() -> str:
    missing = [f"{name} ({path})" for name, path in INSTALLED.items() if not path.exists()]
    if missing:
        raise RuntimeError(f"missing: {', '.join(missing)}")
    if INSTALLED["command"].resolve() != INSTALLED["program"]:
        raise RuntimeError(f"/usr/bin/livetally points at {INSTALLED['command'].resolve()}")
    return f"{len(INSTALLED)} paths"


def _validate_desktop() -> str:
    out = run(["desktop-file-validate", INSTALLED["desktop entry"]])
    if out.strip():  # it prints hints and warnings even when it exits 0
        raise RuntimeError(out.strip())
    return str(INSTALLED["desktop entry"])


def _validate_metainfo() -> str:
    run(["appstreamcli", "validate", "--no-net", INSTALLED["metainfo"]])
    return str(INSTALLED["metainfo"])


def _version() -> str:
    out = run([INSTALLED["command"], "--version"], env=x_env()).strip()
    if out != f"livetally {__version__}":
        raise RuntimeError(f"printed {out!r}")
    return out


def _smoke() -> str:
    out = run(["xvfb-run", "-a", INSTALLED["command"], "--smoke"], timeout=180, env=x_env())
    line = next((x for x in out.splitlines() if x.startswith("livetally --smoke: ok")), None)
    if line is None:
        raise RuntimeError(f"no 'ok' line: {out.strip()[-800:]}")
    return line.removeprefix("livetally --smoke: ok (").rstrip(")")


def _startup(bare: Path) -> startup.Timing:
    with tempfile.TemporaryDirectory(prefix="livetally-start-") as home:
        out_file = Path(home) / "timing.json"
        command = [
            "xvfb-run", "-a", "-s", "-screen 0 1400x900x24",
            sys.executable, HERE / "startup.py", "--runs", str(START_RUNS), "--json", out_file,
            "--", INSTALLED["command"], "--quit-after-show", "--data-dir", Path(home) / "data",
            "--", bare / "bare-window", "--quit-after-show",
        ]  # fmt: skip
        run(command, timeout=600, env=x_env())
        data = json.loads(out_file.read_text(encoding="utf-8"))
    return startup.Timing(data["a_ms"], data["b_ms"])


def _remove() -> str:
    run(as_root(["apt-get", "remove", "-y", "-q", "livetally"]), env=APT_ENV)
    left = [str(p) for p in (Path("/opt/livetally"), INSTALLED["command"]) if os.path.lexists(p)]
    if left:
        raise RuntimeError(f"still there after removal: {', '.join(left)}")
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "livetally"], capture_output=True, text=True
    ).stdout
    if "installed" in status and "not-installed" not in status and "config-files" not in status:
        raise RuntimeError(f"dpkg still reports: {status}")
    return "/opt/livetally and /usr/bin/livetally are gone"


if __name__ == "__main__":
    raise SystemExit(main())
