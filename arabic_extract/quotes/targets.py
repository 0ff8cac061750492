"""What a quote is about: the mentions inside its content, one per cluster.

Reads ``doc.spans["mentions"]`` (entities and definite descriptions, :mod:`arabic_extract.entities.clusters`),
or ``doc.ents`` before clustering; writes nothing.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from ..entities.clusters import MENTIONS_KEY
from ..text.clitics import strip_clitics


def mention_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The token bounds of every mention of ``doc``, in text order."""
    mentions = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else [strip_clitics(e) for e in doc.ents]
    return sorted((m.start, m.end) for m in mentions)


def targets(bounds: list[tuple[int, int]], content: tuple[int, int],
            cluster_ids: dict[tuple[int, int], str]) -> list[tuple[int, int]]:
    """The mentions inside ``content``, the first of each cluster. ``bounds`` are all
    mentions in text order (:func:`mention_bounds`); ``cluster_ids`` maps a mention's
    bounds to its cluster id (a mention without one counts on its own)."""
    seen, out = set(), []
    for b in bounds[bisect_left(bounds, (content[0], content[0])):]:
        if b[0] >= content[1]:
            break
        key = cluster_ids.get(b, b)
        if b[1] <= content[1] and key not in seen:
            seen.add(key)
            out.append(b)
    return out
