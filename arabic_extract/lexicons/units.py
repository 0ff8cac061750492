"""Currencies and units of measure (``data/units.txt``): words a tagger may label as entities
that a statement is never about (دولار، ريال، كيلومتر). Normalized, without ال.

Reads and writes no ``Doc``.
"""
from __future__ import annotations

from . import DATA_DIR, read_list

UNITS: frozenset[str] = frozenset(read_list(DATA_DIR / "units.txt"))
