"""What a quote is about: the mentions inside its content, one per cluster. Never targets,
whatever the tagger said: currencies and units (دولار، كيلومتر: :mod:`arabic_extract.lexicons.units`)
and a single common word with a pronoun suffix (ضلوعهم، مواقفها).

Reads ``doc.spans["mentions"]`` (entities and definite descriptions, :mod:`arabic_extract.entities.clusters`),
or ``doc.ents`` before clustering; writes nothing.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from ..entities.clusters import MENTIONS_KEY
from ..lexicons.units import UNITS
from ..lexicons.words import load_lexicon
from ..text.clitics import bare, strip_clitics


def mention_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The token bounds of every mention of ``doc`` that can be a target, in text order."""
    mentions = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else [strip_clitics(e) for e in doc.ents]
    return sorted((m.start, m.end) for m in mentions if not is_unit(m) and not with_pronoun(m))


def is_unit(span) -> bool:
    """Every word of ``span`` is a currency or a unit («دولار», «الدولار الأمريكي» is not)."""
    words = [bare(t.norm_) for t in span if not t.is_punct]
    return bool(words) and all(w in UNITS for w in words)


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


PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "كم")
MIN_STEM = 3  # letters: a shorter stem is too often part of a name


def with_pronoun(span) -> bool:
    """``span`` is one word, a common noun (the corpus has it with ال) with a pronoun suffix
    (ضلوعهم → الضلوع): a tagging error, not a name."""
    if len(span) != 1:
        return False
    norm = span[0].norm_
    suffix = next((s for s in PRONOUN_SUFFIXES if norm.endswith(s)), None)
    stem = norm[:-len(suffix)] if suffix else ""
    return len(stem) >= MIN_STEM and load_lexicon().count("ال" + stem) > 0
