"""Writing the output of a batch run so that it stays whole and resumable: one ``write`` per
record, an exclusive lock on each file written, and on ``--resume`` the ids already done
(lines that are not whole records removed).
"""
from __future__ import annotations

import json
import os
import signal
import stat
import sys
import tempfile
from collections import Counter
from typing import IO, Iterable, Iterator

from .read import Item

try:
    import fcntl
except ImportError:  # not POSIX: no locks
    fcntl = None


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class OutputError(Exception):
    """An output file that cannot be written: a missing folder, a full disk, or another run
    writing it."""


class RecordWriter:
    """Writes each record with one ``write`` system call (looping only on a short
    write), so a crash can tear at most the last line, which :meth:`resume` then drops.
    ``path=None`` writes to stdout.

    A regular file is locked (``flock``) for as long as it is open: a second run on it raises
    :class:`OutputError` before it changes a byte. The file is kept as it is until :meth:`empty`
    or :meth:`resume`, so that a run can take all its locks first."""

    def __init__(self, path: str | None):
        self.path = path
        self.stream: IO[bytes] | None = sys.stdout.buffer if path is None else None
        if path is not None:
            self.fd = self._open()

    def _open(self) -> int:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as e:
            raise OutputError(f"cannot write {self.path}: {e.strerror}") from None
        try:
            if fcntl is not None and stat.S_ISREG(os.fstat(fd).st_mode):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(f"{self.path} is being written by another run (it is locked)") from None
        return fd

    def empty(self) -> None:
        """Truncate the file (a new run's output)."""
        if self.stream is None and stat.S_ISREG(os.fstat(self.fd).st_mode):
            os.ftruncate(self.fd, 0)

    def resume(self) -> Counter:
        """How many complete records each id has in the file, after removing from it every line
        that is not one (:func:`completed_ids`). The file stays locked (a replaced file is locked
        again at once)."""
        done, replaced = completed_ids(self.path)
        if replaced:  # the path now names a new file: lock and append to that one
            os.close(self.fd)
            self.fd = self._open()
        return done

    def write(self, data: bytes) -> None:
        # Ctrl-C and SIGTERM wait until the record is whole: a stopped run leaves no torn line.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS) if hasattr(signal, "pthread_sigmask") else None
        try:
            if self.stream is not None:
                self.stream.write(data)
                self.stream.flush()
                return
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view):]
        except OSError as e:
            raise OutputError(f"cannot write {self.path or 'the standard output'}: {e.strerror}") from None
        finally:
            if blocked is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def close(self) -> None:
        if self.stream is None:
            os.close(self.fd)

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def completed_ids(path: str) -> tuple[Counter, bool]:
    """How many complete records each id has in the JSONL file ``path``, removing from the file
    every line that is not one: a last line without its newline (a write torn by a crash), a
    line that does not parse (two writers spliced), one that is not an object with a string id.
    Also whether the file was replaced: a torn last line is cut off in place, but lines dropped
    elsewhere mean the kept lines are written to a new file that then takes the old one's name
    (``os.replace``), so that a crash at any moment leaves either file whole."""
    done: Counter = Counter()
    if not os.path.exists(path):
        return done, False
    bad, kept_end, size = False, 0, 0
    with open(path, "rb") as f:
        for raw in f:
            size += len(raw)
            record_id = _record_id(raw)
            if record_id is None:
                bad = bad or raw.endswith(b"\n")  # a line inside the file, not a torn last one
                continue
            done[record_id] += 1
            kept_end = size
    if not bad:
        if kept_end < size:
            os.truncate(path, kept_end)
        return done, False
    folder, name = os.path.split(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.resume-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as f:
            for raw in f:
                if _record_id(raw) is not None:
                    out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return done, True


def _record_id(raw: bytes) -> str | None:
    """The id of a whole output line (newline included), or ``None`` for anything else."""
    if not raw.endswith(b"\n"):
        return None
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    record_id = record.get("id") if isinstance(record, dict) else None
    return record_id if isinstance(record_id, str) else None


def skip_done(items: Iterable[Item], done: Counter) -> Iterator[Item]:
    """``items`` less those already in ``done``: each completed record skips one item
    of its id, so an id repeated in the input is handled too."""
    for item in items:
        if item.error is None and done[item.id] > 0:
            done[item.id] -= 1
            continue
        yield item
