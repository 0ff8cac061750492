"""Writing the output of a batch run so that it stays whole and resumable: one ``write`` per
record, and on ``--resume`` the ids already done (a torn last line cut off).
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from typing import IO, Iterable, Iterator

from .read import Item


class RecordWriter:
    """Writes each record with one ``write`` system call (looping only on a short
    write), so a crash can tear at most the last line, which :func:`completed_ids`
    then drops. ``path=None`` writes to stdout."""

    def __init__(self, path: str | None, append: bool = False):
        self.stream: IO[bytes] | None = sys.stdout.buffer if path is None else None
        if path is not None:
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
            self.fd = os.open(path, flags, 0o644)

    def write(self, data: bytes) -> None:
        if self.stream is not None:
            self.stream.write(data)
            self.stream.flush()
            return
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def close(self) -> None:
        if self.stream is None:
            os.close(self.fd)

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def completed_ids(path: str) -> Counter:
    """How many complete records each id has in the JSONL file ``path``. A last line
    without its newline (a write torn by a crash) is cut off the file; a line that
    does not parse is not counted."""
    done: Counter = Counter()
    if not os.path.exists(path):
        return done
    with open(path, "rb+") as f:
        good_end = 0
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            good_end += len(raw)
            try:
                done[json.loads(raw)["id"]] += 1
            except (ValueError, KeyError, TypeError):
                continue
        f.truncate(good_end)
    return done


def skip_done(items: Iterable[Item], done: Counter) -> Iterator[Item]:
    """``items`` less those already in ``done``: each completed record skips one item
    of its id, so an id repeated in the input is handled too."""
    for item in items:
        if item.error is None and done[item.id] > 0:
            done[item.id] -= 1
            continue
        yield item
