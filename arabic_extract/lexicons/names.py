"""Name lists: the first names of ``data/first_names.tsv`` (words that begin person names in
news, built by ``scripts/build_first_names.py``) and the organization names of
``data/org_names.tsv`` (names the news corpus holds whole, built by ``scripts/build_org_names.py``).

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


def load_org_names(path: str | Path | None = None) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The organization names of ``data/org_names.tsv`` (built by ``scripts/build_org_names.py``),
    by their first word without ال: the rest of each name's normalized tokens and its label,
    longest first (``"مرصد"`` → ``[(("السوري", "ل", "حقوق", "الانسان"), "ORG"), …]``)."""
    names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for line in read_list(Path(path) if path else DATA_DIR / "org_names.tsv"):
        phrase, label = line.split("\t")[:2]
        head, *rest = phrase.split(" ")
        names.setdefault(head, []).append((tuple(rest), label))
    for entries in names.values():
        entries.sort(key=lambda e: -len(e[0]))
    return names
