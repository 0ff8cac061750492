"""Definite descriptions that refer back to a named entity (الحلف → the last alliance named),
from ``data/descriptions.tsv``: the normalized description and the head word that a named
antecedent must contain.

Reads and writes no ``Doc``.
"""
from __future__ import annotations

from . import DATA_DIR, read_list

DESCRIPTIONS: dict[str, str] = dict(line.split("\t") for line in read_list(DATA_DIR / "descriptions.tsv"))
