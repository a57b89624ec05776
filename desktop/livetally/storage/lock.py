"""One writer per data home: the window and the commands that change the ledger take turns.

The lock is an OS lock on ``livetally.lock`` in the data home, not the file's existence:
the OS drops it when the holding process ends in any way (even killed, or on a power cut),
so a file left behind never blocks anyone and there is no stale lock to clean up. The file
holds the holder's process id, for the message the next process shows.
"""

from __future__ import annotations

import os
import sys
import threading
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from livetally.storage.errors import AlreadyOpenError, LedgerError

LOCK_FILE_NAME = "livetally.lock"

if sys.platform == "win32":
    import msvcrt

    # Windows locks are mandatory: a locked byte cannot be read by anyone else, so the lock
    # sits far past the process id, which the next process must be able to read.
    _LOCKED_BYTE = 1 << 30

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # flock belongs to the open file description, so even a second open in this same
        # process is refused (fcntl/lockf locks are per process and would let it through).
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


#: Lock files held by this process. Where flock is emulated with per-process locks (NFS on
#: Linux), the OS would let a second lock in this process through; this set does not.
_held: set[Path] = set()
_held_guard = threading.Lock()


class DataHomeLock:
    """The right to write the ledger of one data home, held until released or process end."""

    def __init__(self, data_home: Path) -> None:
        self.data_home = data_home
        self.path = data_home / LOCK_FILE_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock at once or raise AlreadyOpenError; never waits."""
        if self._fd is not None:
            raise RuntimeError(f"{self.path}: this DataHomeLock is already held")
        key = self.path.absolute()
        with _held_guard:
            if key in _held:
                raise self._already_open(os.getpid())
            fd = self._open()
            try:
                if not _try_lock(fd):
                    raise self._already_open(_read_pid(fd))
                _write_pid(fd)
            except OSError as error:
                os.close(fd)
                raise LedgerError(
                    f"{self.path}: cannot lock or write LiveTally's lock file "
                    f"({error.strerror}); check that {self.data_home} is writable and on a "
                    "disk that supports file locks (a local disk; see --data-dir)"
                ) from error
            except BaseException:
                os.close(fd)
                raise
            _held.add(key)
            self._fd = fd

    def release(self) -> None:
        """Let the next process in; releasing a lock not held does nothing."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with _held_guard:
            _held.discard(self.path.absolute())
            try:
                with suppress(OSError):  # cosmetic: a leftover file names no gone process
                    os.ftruncate(fd, 0)
                _unlock(fd)
            finally:
                os.close(fd)  # closing alone would release the lock too

    def __enter__(self) -> DataHomeLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise LedgerError(
                f"{self.path}: cannot create LiveTally's lock file ({error.strerror}); "
                f"check that {self.data_home} exists and that you may write to it"
            ) from error

    def _already_open(self, pid: int | None) -> AlreadyOpenError:
        holder = f"process {pid}" if pid is not None else "another process"
        return AlreadyOpenError(
            f"LiveTally is already open on {self.data_home} ({holder}); "
            "close that window or command first"
        )


def _write_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))


def _read_pid(fd: int) -> int | None:
    """The holder's process id, or None if it has not written it yet (or ever will)."""
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        text = os.read(fd, 32).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None
