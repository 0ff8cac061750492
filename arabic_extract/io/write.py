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
    write), so a crash can tear at most the last line, which :func:`completed_ids`
    then drops. ``path=None`` writes to stdout.

    A file is locked (``flock``) for as long as it is open: a second run on it raises
    :class:`OutputError` before it changes a byte, and the file is emptied only once the lock
    is held (unless ``append``)."""

    def __init__(self, path: str | None, append: bool = False):
        self.path = path
        self.stream: IO[bytes] | None = sys.stdout.buffer if path is None else None
        if path is None:
            return
        try:
            self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as e:
            raise OutputError(f"cannot write {path}: {e.strerror}") from None
        try:
            if fcntl is not None:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            raise OutputError(f"{path} is being written by another run (it is locked)") from None
        if not append and stat.S_ISREG(os.fstat(self.fd).st_mode):
            os.ftruncate(self.fd, 0)

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


def completed_ids(path: str) -> Counter:
    """How many complete records each id has in the JSONL file ``path``, removing from the file
    every line that is not one: a last line without its newline (a write torn by a crash), a
    line that does not parse (two writers spliced), one that is not an object with an id. The
    lines kept move up in place, so the file never holds less than its whole records."""
    done: Counter = Counter()
    if not os.path.exists(path):
        return done
    with open(path, "rb+") as f:
        read = kept = 0  # where the line just read starts; where the next kept line goes
        for raw in f:
            start, read = read, read + len(raw)
            record_id = _record_id(raw)
            if record_id is None:
                continue
            done[record_id] += 1
            if start != kept:  # behind the read position: the buffer holds nothing there
                os.pwrite(f.fileno(), raw, kept)
            kept += len(raw)
        f.truncate(kept)
    return done


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
