"""Reading the inputs of a batch run: .txt files, folders, .jsonl and .jsonl.gz files and stdin,
each document as an :class:`Item` (its text, or why it could not be read).
"""
from __future__ import annotations

import gzip
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..text.decode import decode

SNIFF_BYTES = 8192  # a file whose first bytes hold a NUL is binary


@dataclass(frozen=True)
class Item:
    """One input document, or why it could not be read (``text`` is then ``None``)."""
    id: str | None
    source: str
    line: int | None
    text: str | None = None
    error: str | None = None


def is_jsonl(path: Path) -> bool:
    return path.name.endswith((".jsonl", ".jsonl.gz"))


def list_files(folder: Path, skip: frozenset[Path] = frozenset()) -> list[Path]:
    """The .txt, .jsonl and .jsonl.gz files below ``folder``, sorted, less those whose resolved
    path is in ``skip`` (the run's own output and errors files)."""
    return sorted(f for f in folder.rglob("*")
                  if f.is_file() and (f.suffix == ".txt" or is_jsonl(f)) and f.resolve() not in skip)


def same_file(inputs: Iterable[str], outputs: Iterable[str]) -> str | None:
    """The first of ``inputs`` that is one of ``outputs`` (the same file by device and inode, so
    links count too), or ``None``: writing that output would destroy the input."""
    existing = [o for o in outputs if o and os.path.exists(o)]
    for p in inputs:
        if p != "-" and os.path.isfile(p) and any(os.path.samefile(p, o) for o in existing):
            return p
    return None


def read_inputs(paths: Iterable[str], *, id_field: str = "id", text_field: str = "text",
                encoding_errors: str = "strict", skip: Iterable[str] = ()) -> Iterator[Item]:
    """Every document named by ``paths``, in order: .txt files (id: the file name, or the
    path below a given folder), folders (recursively), .jsonl and .jsonl.gz files (one
    object per line, ``id_field`` and ``text_field``) and ``-`` (stdin, one document).
    Files of ``skip`` (the run's output and errors) are never read from a folder."""
    skipped = frozenset(Path(s).resolve() for s in skip)
    for p in paths:
        if p == "-":
            yield _text_item("stdin", "-", sys.stdin.buffer.read(), encoding_errors)
            continue
        path = Path(p)
        if path.is_dir():
            files = [(f, f.relative_to(path).as_posix()) for f in list_files(path, skipped)]
        elif path.exists():
            files = [(path, path.name)]
        else:
            yield Item(p, p, None, error="no such file or folder")
            continue
        for f, name in files:
            if is_jsonl(f):
                yield from _read_jsonl(f, id_field, text_field, encoding_errors)
            else:
                yield _read_txt(f, name, encoding_errors)


def _text_item(doc_id: str, source: str, data: bytes, encoding_errors: str) -> Item:
    if b"\0" in data[:SNIFF_BYTES]:
        return Item(doc_id, source, None, error="binary file (NUL bytes), not text")
    try:
        return Item(doc_id, source, None, text=decode(data, source, encoding_errors))
    except ValueError as e:
        return Item(doc_id, source, None, error=str(e))


def _read_txt(f: Path, doc_id: str, encoding_errors: str) -> Item:
    try:
        data = f.read_bytes()
    except OSError as e:
        return Item(doc_id, str(f), None, error=f"cannot read: {e.strerror}")
    return _text_item(doc_id, str(f), data, encoding_errors)


def _read_jsonl(f: Path, id_field: str, text_field: str, encoding_errors: str) -> Iterator[Item]:
    source, n = str(f), 0
    try:
        with (gzip.open(f, "rb") if f.name.endswith(".gz") else open(f, "rb")) as fh:
            if b"\0" in fh.peek(SNIFF_BYTES)[:SNIFF_BYTES]:
                yield Item(f.name, source, None, error="binary file (NUL bytes), not JSON lines")
                return
            offset = 0
            for n, raw in enumerate(fh, 1):
                if raw.strip():
                    yield _jsonl_item(raw, f"{f.name}:{n}", source, n, offset, id_field, text_field,
                                      encoding_errors)
                offset += len(raw)
    except (OSError, EOFError) as e:  # a corrupt or truncated .gz: what follows is lost
        yield Item(f"{f.name}:{n + 1}", source, n + 1, error=f"unreadable after line {n}: {e}")


def _jsonl_item(raw: bytes, doc_id: str, source: str, n: int, offset: int, id_field: str,
                text_field: str, encoding_errors: str) -> Item:
    try:
        record = json.loads(decode(raw, f"{source} (line {n})", encoding_errors, base=offset))
        if not isinstance(record, dict):
            raise ValueError("expected a JSON object")
        if record.get(id_field) is not None:
            doc_id = str(record[id_field])
        if not isinstance(record.get(text_field), str):
            raise ValueError(f'expected a string "{text_field}" field')
        return Item(doc_id, source, n, text=record[text_field])
    except ValueError as e:  # json.JSONDecodeError is a ValueError
        return Item(doc_id, source, n, error=str(e))


def count_inputs(paths: Iterable[str], skip: Iterable[str] = ()) -> int:
    """How many items :func:`read_inputs` will yield, give or take blank or unreadable
    lines; reads the files without decoding them (for the progress bar's ETA)."""
    total = 0
    skipped = frozenset(Path(s).resolve() for s in skip)
    for p in paths:
        path = Path(p)
        files = list_files(path, skipped) if path.is_dir() else [path]
        for f in files:
            if not is_jsonl(f) or not f.is_file():
                total += 1
                continue
            try:
                with (gzip.open(f, "rb") if f.name.endswith(".gz") else open(f, "rb")) as fh:
                    total += sum(1 for raw in fh if raw.strip())
            except (OSError, EOFError):
                total += 1
    return total
