"""Name lists: the first names of ``data/first_names.tsv`` (words that begin person names in
news, built by ``scripts/build_first_names.py``).

Reads and writes no ``Doc``.
"""
from __future__ import annotations

from pathlib import Path

from . import DATA_DIR, read_list


def load_first_names(path: str | Path | None = None) -> frozenset[str]:
    """The normalized first names of ``data/first_names.tsv`` (built by
    ``scripts/build_first_names.py``)."""
    lines = read_list(Path(path) if path else DATA_DIR / "first_names.tsv")
    return frozenset(line.split("\t", 1)[0] for line in lines)
