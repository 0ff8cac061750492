"""Definite descriptions that refer back to a named entity (الحلف → the last alliance named;
الوزيرة → the last person named after the title وزيرة), from ``data/descriptions.tsv``: the
normalized description and the head word that a named antecedent must contain, or for a person
(:data:`PERSON_DESCRIPTIONS`) that must stand in the title before the name.

Reads and writes no ``Doc``.
"""
from __future__ import annotations

from . import DATA_DIR, read_list

_ROWS = [line.split("\t") for line in read_list(DATA_DIR / "descriptions.tsv")]
DESCRIPTIONS: dict[str, str] = {row[0]: row[1] for row in _ROWS}
PERSON_DESCRIPTIONS: frozenset[str] = frozenset(row[0] for row in _ROWS if row[2:] == ["PER"])  # الوزير، المتحدثة
