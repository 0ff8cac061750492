"""Batch annotation: reading inputs, a pool of worker processes, resumable output.

Every input document becomes exactly one :class:`Result`: its annotation in the
chosen format, or an error ``{"id", "source", "line", "error"}``. Results come
back in input order whatever the number of workers.
"""
from __future__ import annotations

import gzip
import json
import os
import sys
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Iterable, Iterator

FORMATS = ("jsonl", "conll", "html")
SNIFF_BYTES = 8192  # a file whose first bytes hold a NUL is binary
BATCH_DOCS = 16  # documents sent to a worker at once ...
BATCH_CHARS = 200_000  # ... unless they hold more characters than this
IN_FLIGHT = 4  # batches queued per worker: bounds memory, keeps workers busy
# Forked workers start in milliseconds and share the parent's imported modules; a
# spawned one spends about 1.7 s importing spaCy and the lexicon again. Fork is safe
# here because the parent runs no other thread when the pool starts (see Report).
START_METHOD = "fork" if sys.platform == "linux" else "spawn"


@dataclass(frozen=True)
class Item:
    """One input document, or why it could not be read (``text`` is then ``None``)."""
    id: str | None
    source: str
    line: int | None
    text: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Result:
    """One document's output: ``payload`` (UTF-8 bytes in the output format) or ``error``."""
    item: Item
    payload: bytes | None = None
    error: str | None = None

    def error_record(self) -> dict:
        return {"id": self.item.id, "source": self.item.source, "line": self.item.line, "error": self.error}


# Reading ---------------------------------------------------------------------------------------

def decode(data: bytes, where: str, errors: str = "strict", base: int = 0) -> str:
    """UTF-8 ``data``; with ``errors="strict"`` a ValueError names the byte offset
    (``base`` + position in ``data``), with ``"replace"`` bad bytes become U+FFFD."""
    try:
        return data.decode("utf-8", errors=errors)
    except UnicodeDecodeError as e:
        raise ValueError(f"invalid UTF-8 at byte {base + e.start} of {where}") from None


def is_jsonl(path: Path) -> bool:
    return path.name.endswith((".jsonl", ".jsonl.gz"))


def list_files(folder: Path) -> list[Path]:
    """The .txt, .jsonl and .jsonl.gz files below ``folder``, sorted."""
    return sorted(f for f in folder.rglob("*") if f.is_file() and (f.suffix == ".txt" or is_jsonl(f)))


def read_inputs(paths: Iterable[str], *, id_field: str = "id", text_field: str = "text",
                encoding_errors: str = "strict") -> Iterator[Item]:
    """Every document named by ``paths``, in order: .txt files (id: the file name, or the
    path below a given folder), folders (recursively), .jsonl and .jsonl.gz files (one
    object per line, ``id_field`` and ``text_field``) and ``-`` (stdin, one document)."""
    for p in paths:
        if p == "-":
            yield _text_item("stdin", "-", sys.stdin.buffer.read(), encoding_errors)
            continue
        path = Path(p)
        if path.is_dir():
            files = [(f, f.relative_to(path).as_posix()) for f in list_files(path)]
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


def count_inputs(paths: Iterable[str]) -> int:
    """How many items :func:`read_inputs` will yield, give or take blank or unreadable
    lines; reads the files without decoding them (for the progress bar's ETA)."""
    total = 0
    for p in paths:
        path = Path(p)
        files = list_files(path) if path.is_dir() else [path]
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


def batches(items: Iterable[Item], max_docs: int = BATCH_DOCS,
            max_chars: int = BATCH_CHARS) -> Iterator[list[Item]]:
    """``items`` in consecutive lists of at most ``max_docs`` documents, cut early
    once a list holds ``max_chars`` characters (a long document travels alone)."""
    batch, chars = [], 0
    for item in items:
        batch.append(item)
        chars += len(item.text or "")
        if len(batch) >= max_docs or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


# Annotating ------------------------------------------------------------------------------------

_NLP = None  # the pipeline of this process, set by init_worker


def init_worker(model: str | None, fast: bool = False) -> None:
    """Load the pipeline once in this process (``load`` is cached per process)."""
    global _NLP
    from .pipeline import load

    _NLP = load(model, fast)


def to_json_line(record: dict) -> bytes:
    """One JSON line; a lone surrogate in a string is written as its ``\\udXXX`` escape."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")


def to_conll(doc) -> str:
    """``# id = ...`` then one ``token<TAB>BIO-tag`` line per token, and a blank line."""
    from .pipeline import SURROGATE_RE, chunks

    lines, ents, k = [f"# id = {doc.id}"], doc.entities, 0
    for offset, piece in chunks(SURROGATE_RE.sub("\ufffd", doc.text)):
        for token in _NLP.make_doc(piece):
            if token.is_space:
                continue
            start = offset + token.idx
            while k < len(ents) and ents[k].end <= start:
                k += 1
            tag = "O"
            if k < len(ents) and ents[k].start <= start:
                tag = ("B-" if ents[k].start == start else "I-") + ents[k].label
            lines.append(f"{doc.text[start:start + len(token)]}\t{tag}")
    return "\n".join(lines) + "\n\n"


def render(doc, fmt: str) -> bytes:
    """``doc`` (a :class:`~.document.Document`) in output format ``fmt``."""
    if fmt == "jsonl":
        return to_json_line(doc.to_dict())
    if fmt == "conll":
        return to_conll(doc).encode("utf-8", "backslashreplace")
    from .html import render_document

    return render_document(doc.to_dict()).encode("utf-8", "backslashreplace")


def annotate_batch(items: list[Item], fmt: str = "jsonl") -> list[Result]:
    """Annotate ``items`` with this process's pipeline; a document that fails becomes
    an error result and the others go on."""
    from .pipeline import extract, extract_many

    good = [it for it in items if it.error is None]
    try:
        docs = iter(list(extract_many([it.text for it in good], [it.id for it in good], nlp=_NLP)))
    except Exception:  # find the culprit: one document at a time
        docs = None
    results = []
    for it in items:
        if it.error is not None:
            results.append(Result(it, error=it.error))
            continue
        try:
            doc = next(docs) if docs else extract(it.text, id=it.id, nlp=_NLP)
            results.append(Result(it, payload=render(doc, fmt)))
        except Exception as e:  # a failed document is reported, the rest goes on
            results.append(Result(it, error=f"{type(e).__name__}: {e}"))
    return results


class WorkerPool:
    """``jobs`` worker processes, each loading the pipeline once, that outlive a crash:
    when a worker dies (a segfault, the out-of-memory killer), each document of the
    batches it took down is tried again alone in a fresh pool, and only a document
    that kills its worker again becomes an error."""

    def __init__(self, jobs: int, model: str | None, fmt: str, fast: bool = False):
        self.jobs, self.model, self.fmt, self.fast = jobs, model, fmt, fast
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=get_context(START_METHOD), initializer=init_worker,
                                   initargs=(self.model, self.fast))

    def submit(self, batch: list[Item]) -> tuple[list[Item], Future, ProcessPoolExecutor]:
        return batch, self.pool.submit(annotate_batch, batch, self.fmt), self.pool

    def results(self, job: tuple[list[Item], Future, ProcessPoolExecutor]) -> list[Result]:
        batch, future, pool = job
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart(pool)
            return [r for item in batch for r in self._alone(item)]

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """A fresh pool in place of ``broken``, unless that was done already."""
        if self.pool is broken:
            broken.shutdown(wait=False)
            self.pool = self._start()

    def _alone(self, item: Item) -> list[Result]:
        pool = self.pool
        try:
            return pool.submit(annotate_batch, [item], self.fmt).result()
        except BrokenProcessPool:
            self._restart(pool)
            return [Result(item, error="the worker process died on this document (a crash or out of memory)")]

    def close(self) -> None:
        self.pool.shutdown()


def annotate_all(items: Iterable[Item], *, jobs: int = 1, model: str | None = "ner",
                 fmt: str = "jsonl", fast: bool = False) -> Iterator[Result]:
    """One :class:`Result` per item, in input order. ``jobs > 1`` runs a
    :class:`WorkerPool`; at most ``IN_FLIGHT`` batches per worker are queued, so
    memory stays bounded on any input size. ``fast``: see :func:`~.pipeline.load`."""
    if jobs <= 1:
        init_worker(model, fast)
        for batch in batches(items):
            yield from annotate_batch(batch, fmt)
        return
    pool, pending = WorkerPool(jobs, model, fmt, fast), deque()
    try:
        for batch in batches(items):
            pending.append(pool.submit(batch))
            if len(pending) >= jobs * IN_FLIGHT:
                yield from pool.results(pending.popleft())
        while pending:
            yield from pool.results(pending.popleft())
    finally:
        pool.close()


# Writing ---------------------------------------------------------------------------------------

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
