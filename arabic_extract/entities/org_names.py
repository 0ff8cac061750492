"""Organization names the news corpus knows whole (``lexicons/data/org_names.tsv``): the taggers
cut many of them at «و» or «ل» or before their last word (حزب العدالة [والتنمية], المرصد السوري
[لحقوق الإنسان]) or miss them; :func:`known_organizations` finds them in a ``Doc``.

Reads ``doc.ents``; writes nothing (:class:`~.names.NameFinder` sets the entities).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..text.clitics import bare

OrgNames = dict[str, list[tuple[tuple[str, ...], str]]]  # first word without ال → (rest, label), longest first


def matches(norms: list[str], names: OrgNames) -> list[tuple[int, int, str]]:
    """The longest listed name at each token, left to right, none overlapping another, as
    ``(start, end, label)``; a name's first word matches with or without ال (المرصد، لل + مرصد)."""
    found, i = [], 0
    while i < len(norms):
        for rest, label in names.get(bare(norms[i]), ()):
            end = i + 1 + len(rest)
            if tuple(norms[i + 1:end]) == rest:
                found.append((i, end, label))
                i = end - 1
                break
        i += 1
    return found


def known_organizations(doc: Doc, names: OrgNames, norms: list[str]) -> list[Span]:
    """``doc.ents`` with the listed names of ``doc`` (``norms``: its tokens' ``norm_``) in: a name
    where no entity is, and a name in place of the entities it holds (a cut name); a name that an
    entity overlaps and goes beyond is left out."""
    ents = list(doc.ents)
    if not names:
        return ents
    for start, end, label in matches(norms, names):
        inside = [e for e in ents if e.start < end and e.end > start]
        if all(start <= e.start and e.end <= end for e in inside):
            ents = [e for e in ents if e not in inside] + [Span(doc, start, end, label=label)]
    return sorted(ents, key=lambda e: e.start)
