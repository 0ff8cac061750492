"""The batch job on a dask.distributed cluster, with dask.bag.

The driver reads the inputs (:func:`~.read.read_inputs`) and sends them to the
cluster a round of partitions at a time, so its memory stays bounded. Each worker
process loads the pipeline once (``load`` is cached per process), annotates a
partition and writes it as a JSONL part ``part-<first index>.<format>`` into a folder of
this run's own inside ``shared_dir``, which must be a folder that the driver and every
worker see (a shared file system on a real cluster; the CLI uses the output's folder). The
driver appends the parts to the output in input order and deletes them, so the output and
the errors are exactly those of the single-machine path, and ``--resume`` works the same way.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import dask.bag as db
from distributed import Client

from ..pipeline import DEFAULT_MODEL
from .read import Item
from .workers import Result, annotate_batch, init_worker
from .write import RecordWriter

PARTITION_DOCS = 256  # documents in one partition (one part file)
ROUND_PARTITIONS = 4  # partitions per worker sent in one round


def annotate_part(part: list[tuple[int, Item]], parts_dir: str, fmt: str, model: str | None,
                  fast: bool = False, domain: str = "news") -> list[Result]:
    """Annotate one partition of ``(index, item)`` on a worker, write its part file
    (atomically, by rename) and return its results without texts or payloads."""
    init_worker(model, fast, domain)
    results = annotate_batch([item for _, item in part], fmt)
    path = part_path(Path(parts_dir), part[0][0], fmt)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(b"".join(r.payload for r in results if r.error is None))
    os.replace(tmp, path)
    return [Result(Item(r.item.id, r.item.source, r.item.line), error=r.error) for r in results]


def connect(scheduler: str | None, workers: int) -> Client:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of
    ``workers`` single-threaded worker processes."""
    if scheduler:
        return Client(scheduler)
    # A client given no address starts a LocalCluster of its own and closes it with itself.
    return Client(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def annotate_dask(items: Iterable[Item], out: RecordWriter, shared_dir: str | Path, *, client: Client,
                  fmt: str = "jsonl", model: str | None = DEFAULT_MODEL, fast: bool = False,
                  domain: str = "news", partition_docs: int = PARTITION_DOCS, prefix: str = "arabic-extract") -> Iterator[Result]:
    """Annotate ``items`` on ``client``'s cluster, append the output to ``out`` in input
    order and yield one :class:`~.workers.Result` per item (without its text).

    The parts go into a fresh folder ``<prefix>.parts-XXXXXXXX`` made inside ``shared_dir`` for
    this run alone, removed when the run ends, however it ends; nothing else in ``shared_dir`` is
    touched (a killed run leaves its folder behind; the output, not the parts, says what is
    done)."""
    Path(shared_dir).mkdir(parents=True, exist_ok=True)
    parts = Path(tempfile.mkdtemp(prefix=f"{prefix}.parts-", dir=shared_dir))
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        per_round = partition_docs * ROUND_PARTITIONS * workers
        numbered = enumerate(items)
        while chunk := list(islice(numbered, per_round)):
            bag = db.from_sequence(chunk, partition_size=partition_docs)
            results = bag.map_partitions(annotate_part, str(parts), fmt, model, fast, domain).compute(scheduler=client)
            for first, _ in chunk[::partition_docs]:  # the part files of this round, in input order
                path = part_path(parts, first, fmt)
                for line in _records(path.read_bytes(), fmt):
                    out.write(line)
                path.unlink()
            yield from results
    finally:  # the folder is this run's alone
        shutil.rmtree(parts, ignore_errors=True)


def part_path(parts: Path, first: int, fmt: str) -> Path:
    """The part file of the partition whose first item has index ``first``."""
    return parts / f"part-{first:012d}.{fmt}"



def _records(data: bytes, fmt: str) -> Iterator[bytes]:
    """The records of a part file, each to be written in one call (JSONL: lines)."""
    if fmt == "jsonl":
        yield from data.splitlines(keepends=True)
    else:
        yield data
