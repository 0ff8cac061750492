"""Annotating a batch run: documents in batches through this process's pipeline or a pool of
worker processes, one :class:`Result` per document, in input order whatever the number of
workers.

Every input document becomes exactly one :class:`Result`: its annotation in the chosen format,
or an error ``{"id", "source", "line", "error"}``.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Iterable, Iterator

from ..pipeline import extract, extract_many, load
from .formats import render
from .read import Item

BATCH_DOCS = 16  # documents sent to a worker at once ...
BATCH_CHARS = 200_000  # ... unless they hold more characters than this
IN_FLIGHT = 4  # batches queued per worker: bounds memory, keeps workers busy
# Forked workers start in milliseconds and share the parent's imported modules; a
# spawned one spends about 1.7 s importing spaCy and the lexicon again. Fork is safe
# here because the parent runs no other thread when the pool starts (see cli.Report).
START_METHOD = "fork" if sys.platform == "linux" else "spawn"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(frozen=True)
class Result:
    """One document's output: ``payload`` (UTF-8 bytes in the output format) or ``error``."""
    item: Item
    payload: bytes | None = None
    error: str | None = None

    def error_record(self) -> dict:
        return {"id": self.item.id, "source": self.item.source, "line": self.item.line, "error": self.error}


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


_NLP = None  # the pipeline of this process, set by init_worker


def init_worker(model: str | None, fast: bool = False, domain: str = "news") -> None:
    """Load the pipeline once in this process (``load`` is cached per process)."""
    global _NLP
    _NLP = load(model, fast, domain)


def init_pool_worker(model: str | None, fast: bool, domain: str, parent: int) -> None:
    """A worker of a :class:`WorkerPool`: it dies with its parent ``parent`` (a parent-death
    signal on Linux; a killed parent leaves no worker behind), leaves Ctrl-C to the parent,
    which stops the pool, dies of SIGTERM (a forked worker inherits the parent's handler, which
    would stop the whole run; a broken pool terminates its workers so), and loads the pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    init_worker(model, fast, domain)


def die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent ends (``prctl(PR_SET_PDEATHSIG)``);
    exit at once if ``parent`` has already gone. Elsewhere nothing is asked."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def annotate_batch(items: list[Item], fmt: str = "jsonl") -> list[Result]:
    """Annotate ``items`` with this process's pipeline; a document that fails becomes
    an error result and the others go on."""
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
            results.append(Result(it, payload=render(doc, fmt, _NLP)))
        except Exception as e:  # a failed document is reported, the rest goes on
            results.append(Result(it, error=f"{type(e).__name__}: {e}"))
    return results


class WorkerPool:
    """``jobs`` worker processes, each loading the pipeline once, that outlive a crash:
    when a worker dies (a segfault, the out-of-memory killer), each document of the
    batches it took down is tried again alone in a fresh pool, and only a document
    that kills its worker again becomes an error."""

    def __init__(self, jobs: int, model: str | None, fmt: str, fast: bool = False, domain: str = "news"):
        self.jobs, self.model, self.fmt, self.fast, self.domain = jobs, model, fmt, fast, domain
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=get_context(START_METHOD), initializer=init_pool_worker,
                                   initargs=(self.model, self.fast, self.domain, os.getpid()))

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

    def close(self, wait: bool = True) -> None:
        """Shut the pool down: after its work (``wait``), or at once, killing the workers
        (a run that stops early)."""
        if not wait:
            for process in list((self.pool._processes or {}).values()):
                process.kill()
        self.pool.shutdown(wait=wait, cancel_futures=not wait)


def annotate_all(items: Iterable[Item], *, jobs: int = 1, model: str | None = "ner",
                 fmt: str = "jsonl", fast: bool = False, domain: str = "news") -> Iterator[Result]:
    """One :class:`Result` per item, in input order. ``jobs > 1`` runs a
    :class:`WorkerPool`; at most ``IN_FLIGHT`` batches per worker are queued, so
    memory stays bounded on any input size. ``fast``, ``domain``: see :func:`~arabic_extract.pipeline.load`."""
    if jobs <= 1:
        init_worker(model, fast, domain)
        for batch in batches(items):
            yield from annotate_batch(batch, fmt)
        return
    pool, pending, finished = WorkerPool(jobs, model, fmt, fast, domain), deque(), False
    try:
        for batch in batches(items):
            pending.append(pool.submit(batch))
            if len(pending) >= jobs * IN_FLIGHT:
                yield from pool.results(pending.popleft())
        while pending:
            yield from pool.results(pending.popleft())
        finished = True
    finally:  # closed early (Ctrl-C, SIGTERM, an error): the workers are killed
        pool.close(wait=finished)
