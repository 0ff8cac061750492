"""Reading the inputs of a batch run: .txt files, folders, .jsonl and .jsonl.gz files and stdin,
each document as an :class:`Item` (its text, or why it could not be read). Every input entry
that looks like a document and cannot be read (a link to nothing, a FIFO, a folder link that
loops, a corrupt archive) becomes an error item, never silence.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..text.decode import decode

SNIFF_BYTES = 8192  # a file whose first bytes hold a NUL is binary
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # UTF-32 LE begins like UTF-16 LE
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
WIDE = ("utf-16", "utf-32")  # encodings whose text holds NUL bytes and no ASCII newline
STDIN_FORMATS = ("text", "jsonl")


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


def open_bytes(path: str | Path) -> IO[bytes]:
    """``path`` opened for reading bytes, decompressed when it ends in ``.gz``."""
    return gzip.open(path, "rb") if str(path).endswith(".gz") else open(path, "rb")


def is_input(path: Path) -> bool:
    """A name that an input file has: .txt, .jsonl or .jsonl.gz."""
    return path.suffix == ".txt" or is_jsonl(path)


def file_key(path: str | Path) -> tuple[int, int] | None:
    """``(device, inode)`` of the file ``path`` names (links followed), or ``None``."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def folder_entries(folder: Path, skip: frozenset[tuple[int, int]] = frozenset()) -> list[tuple[Path, str | None]]:
    """The input files below ``folder`` as ``(path, None)``, and as ``(path, why)`` the entries
    that cannot be read: an input name that is a link to nothing or not a regular file (a FIFO,
    a device), a link to a folder that contains it (a loop). A link to a folder elsewhere is
    followed; one to a folder of the tree is left to that folder, read under its own path. Files
    that are one of ``skip`` (``(device, inode)`` of the run's output and errors, so links to
    them too) are left out. Sorted by path."""
    inside = {file_key(root) for root, _, _ in os.walk(folder)}  # the tree's own folders
    entries: list[tuple[Path, str | None]] = []
    followed: set[tuple[int, int] | None] = set()
    chains = {str(folder): (file_key(folder),)}  # each folder walked: the folders above it and itself
    for root, dirs, files in os.walk(folder, followlinks=True):
        chain = chains[root]
        for name in sorted(dirs):
            path = os.path.join(root, name)
            key = file_key(path)
            if os.path.islink(path) and key in chain:
                entries.append((Path(path), "a link to a folder that contains it (a loop): not followed"))
            elif os.path.islink(path) and (key in inside or key in followed):
                pass  # read under its own path
            else:
                followed.add(key)
                chains[path] = chain + (key,)
        dirs[:] = [d for d in sorted(dirs) if os.path.join(root, d) in chains]
        for name in files:
            path = Path(root) / name
            if not is_input(path):
                continue
            try:
                info = os.stat(path)
            except OSError:
                entries.append((path, "a link to nothing (dangling)"))
                continue
            if (info.st_dev, info.st_ino) not in skip:
                why = None if stat.S_ISREG(info.st_mode) else "not a regular file (a FIFO, socket or device)"
                entries.append((path, why))
    return sorted(entries)


def same_file(inputs: Iterable[str], outputs: Iterable[str]) -> str | None:
    """The first of ``inputs`` that is one of ``outputs`` (the same file by device and inode, so
    links count too), or ``None``: writing that output would destroy the input."""
    existing = {file_key(o) for o in outputs if o} - {None}
    return next((p for p in inputs if p != "-" and os.path.isfile(p) and file_key(p) in existing), None)


def read_inputs(paths: Iterable[str], *, id_field: str = "id", text_field: str = "text", encoding: str = "utf-8",
                encoding_errors: str = "strict", stdin_format: str = "text", skip: Iterable[str] = ()
                ) -> Iterator[Item]:
    """Every document named by ``paths``, in order: .txt files (id: the file name, or the
    path below a given folder), folders (recursively), .jsonl and .jsonl.gz files (one
    object per line, ``id_field`` and ``text_field``) and ``-`` (stdin: one document, or JSON
    lines read as they come with ``stdin_format="jsonl"``). Files are decoded with ``encoding``
    (a .txt file that opens with a UTF-16 byte-order mark as UTF-16). Files of ``skip`` (the
    run's output and errors) are never read from a folder."""
    reader = Reader(id_field, text_field, codecs.lookup(encoding).name, encoding_errors)
    skipped = frozenset(filter(None, map(file_key, skip)))
    for p in paths:
        if p == "-":
            if stdin_format == "jsonl":
                yield from reader.jsonl_stream(sys.stdin.buffer, "stdin", "-")
            else:
                yield reader.text_item("stdin", "-", sys.stdin.buffer.read())
            continue
        path = Path(p)
        if path.is_dir():
            files = [(f, f.relative_to(path).as_posix(), why) for f, why in folder_entries(path, skipped)]
        elif path.exists():
            files = [(path, path.name, None)]
        else:
            yield Item(p, p, None, error="no such file or folder")
            continue
        for f, name, why in files:
            if why is not None:
                yield Item(name, str(f), None, error=why)
            elif is_jsonl(f):
                yield from reader.jsonl_file(f)
            else:
                yield reader.txt_file(f, name)


@dataclass(frozen=True)
class Reader:
    """How documents are read: the JSON fields, the encoding and what to do with bytes it
    cannot decode (``"strict"``: report the document; ``"replace"``: U+FFFD)."""
    id_field: str = "id"
    text_field: str = "text"
    encoding: str = "utf-8"
    encoding_errors: str = "strict"

    def text_item(self, doc_id: str, source: str, data: bytes) -> Item:
        encoding = next((name for bom, name in BOMS if data.startswith(bom)), self.encoding)
        if not encoding.startswith(WIDE) and b"\0" in data[:SNIFF_BYTES]:
            return Item(doc_id, source, None, error="binary file (NUL bytes), not text")
        try:
            return Item(doc_id, source, None, text=decode(data, source, self.encoding_errors, encoding=encoding))
        except ValueError as e:
            return Item(doc_id, source, None, error=str(e))

    def txt_file(self, f: Path, doc_id: str) -> Item:
        try:
            data = f.read_bytes()
        except OSError as e:
            return Item(doc_id, str(f), None, error=f"cannot read: {e.strerror}")
        return self.text_item(doc_id, str(f), data)

    def jsonl_file(self, f: Path) -> Iterator[Item]:
        """The documents of a .jsonl file; of a .jsonl.gz file only once the whole archive has
        decompressed without error, since a corrupt archive yields damaged lines before its
        checksum fails (a truncated one keeps the lines before the cut)."""
        source = str(f)
        if f.name.endswith(".gz"):
            problem = gzip_problem(f)
            if problem:
                yield Item(f.name, source, None, error=problem)
                return
        try:
            with open_bytes(f) as fh:
                yield from self.jsonl_stream(fh, f.name, source)
        except OSError as e:
            yield Item(f.name, source, None, error=f"cannot read: {e.strerror}")

    def jsonl_stream(self, fh: IO[bytes], name: str, source: str) -> Iterator[Item]:
        """One item per non-blank line of ``fh``, read as it comes (ids ``name:line`` when a
        line has none)."""
        n = 0
        try:
            head = fh.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(fh, "peek") else b""
            if self.encoding.startswith(WIDE) or head.startswith(tuple(bom for bom, _ in BOMS)):
                yield Item(name, source, None, error="UTF-16 or UTF-32 text: JSON lines must be UTF-8 or another "
                                                     "encoding that keeps ASCII (--encoding); convert it first")
                return
            if b"\0" in head:
                yield Item(name, source, None, error="binary file (NUL bytes), not JSON lines")
                return
            offset = 0
            for n, raw in enumerate(fh, 1):
                if raw.strip():
                    yield self.jsonl_item(raw, f"{name}:{n}", source, n, offset)
                offset += len(raw)
        except (OSError, EOFError) as e:  # a truncated .gz: what follows is lost
            yield Item(f"{name}:{n + 1}", source, n + 1, error=f"unreadable after line {n}: {e}")

    def jsonl_item(self, raw: bytes, doc_id: str, source: str, n: int, offset: int) -> Item:
        try:
            text = decode(raw, f"{source} (line {n})", self.encoding_errors, base=offset, encoding=self.encoding)
            record = json.loads(text)
            if not isinstance(record, dict):
                raise ValueError("expected a JSON object")
            doc_id = record_id(record, self.id_field, doc_id)
            if not isinstance(record.get(self.text_field), str):
                raise ValueError(f'expected a string "{self.text_field}" field')
            return Item(doc_id, source, n, text=record[self.text_field])
        except ValueError as e:  # json.JSONDecodeError is a ValueError
            return Item(doc_id, source, n, error=str(e))


def read_fields(paths: Iterable[str], fields: Iterable[str], id_field: str = "id") -> dict[str, dict[str, object]]:
    """``{field: {document id: value}}`` from JSONL inputs (what ``annotate`` read), with the ids
    ``annotate`` gives their documents (``id_field``, else ``FILE:LINE``); a line that is not a
    JSON object is passed over."""
    found: dict[str, dict[str, object]] = {f: {} for f in fields}
    for p in paths:
        with open_bytes(p) as fh:
            for n, raw in enumerate(fh, 1):
                try:
                    record = json.loads(raw) if raw.strip() else None
                except ValueError:
                    continue
                if not isinstance(record, dict):
                    continue
                doc_id = record_id(record, id_field, f"{Path(p).name}:{n}")
                for f, values in found.items():
                    if f in record:
                        values[doc_id] = record[f]
    return found


def record_id(record: dict, id_field: str, default: str) -> str:
    """The id of a JSON line's document: its ``id_field`` (:func:`id_string`), else ``default``
    (``FILE:LINE``)."""
    return id_string(record[id_field]) if record.get(id_field) is not None else default


def id_string(value) -> str:
    """A document id from a JSON value: a string as it is, anything else as its JSON (``42``,
    ``{"a": 1}``), never a Python repr."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def gzip_problem(f: Path) -> str | None:
    """Why the gzip file ``f`` cannot be trusted (corrupt data or checksum), or ``None`` when it
    decompresses whole or is only cut short. Decompresses it once, in bounded memory."""
    done = 0
    try:
        with gzip.open(f, "rb") as fh:
            while chunk := fh.read1(1 << 16):
                done += len(chunk)
    except EOFError:  # cut short: the lines before the cut are sound
        return None
    except (gzip.BadGzipFile, zlib.error) as e:
        if str(e).startswith("Not a gzipped file") and done:
            return None  # bytes after whole, checked members: their lines are sound (the reader reports the rest)
        return f"corrupt gzip archive ({e}) after byte {done:,} of its decompressed data: no line of it is read"
    except OSError as e:
        return f"cannot read: {e.strerror}"
    return None


def count_inputs(paths: Iterable[str], skip: Iterable[str] = ()) -> int:
    """How many items :func:`read_inputs` will yield, give or take blank or unreadable
    lines; reads the files without decoding them (for the progress bar's ETA)."""
    total = 0
    skipped = frozenset(filter(None, map(file_key, skip)))
    for p in paths:
        path = Path(p)
        for f, why in folder_entries(path, skipped) if path.is_dir() else [(path, None)]:
            if why is not None or not is_jsonl(f) or not f.is_file():
                total += 1
                continue
            try:
                with open_bytes(f) as fh:
                    total += sum(1 for raw in fh if raw.strip())
            except (OSError, EOFError):
                total += 1
    return total
