"""One name, one label, everywhere in a document: a non-person entity made of a tagged person's
name words becomes that person (:func:`persons_by_word`), a name takes the label the document
gives it most often (:func:`relabel`), and a name tagged once is tagged wherever else it occurs,
for a person also in close spellings (:func:`repetitions`).

Reads the entity spans and token norms of a ``Doc``; returns spans (the ``arabic_names``
component sets them on ``doc.ents``).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span

from ..lexicons.descriptions import DESCRIPTIONS
from ..text.clitics import bare, strip_clitics
from .name_words import NameWords

FUZZY_MIN_RATIO = 85  # rapidfuzz ratio (0-100) for two spellings of one name word
FUZZY_MIN_CHARS = 6
MIN_NAME_CHARS = 3


def persons_by_word(ents: list[Span], words: NameWords) -> list[Span]:
    """A non-person entity made only of name-like words, one of them a word of a person
    tagged in the document, is that person (يانس ستولينبيرج ORG beside ستولينبيرج PER)."""
    person_words = {t.norm_ for e in ents if e.label_ == "PER" for t in e}
    out = []
    for e in ents:
        tokens = strip_clitics(e)
        if (e.label_ != "PER" and any(t.norm_ in person_words for t in tokens)
                and all(words.name_like(t) for t in tokens)):
            e = Span(e.doc, e.start, e.end, label="PER")
        out.append(e)
    return out


def repetitions(doc: Doc, norms: list[str], ents: list[Span], words: NameWords) -> list[Span]:
    """Untagged occurrences of the names of ``ents`` (compared without clitics and ال),
    with the label the name has most often; for persons also a name-like word of the
    name alone or in a close spelling. A longer name may take in a shorter entity
    inside it (حلف شمال [الأطلنطى] → حلف شمال الأطلنطى)."""
    labels: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    person_words: set[str] = set()
    for e in ents:
        name = key(e)
        if name and not (len(name) == 1 and (len(name[0]) < MIN_NAME_CHARS or is_description(e[-1])
                                             or words.is_common_noun(name[0]) or words.is_function_word(name[0]))):
            labels[name][e.label_] += 1
        if e.label_ == "PER":
            person_words.update(t.norm_ for t in e if words.name_like(t))
    if not labels and not person_words:
        return []
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name in sorted(labels, key=len, reverse=True):
        by_first[name[0]].append(name)
    long_words = [w for w in person_words if len(w) >= FUZZY_MIN_CHARS]
    owner = {t: e for e in ents for t in range(e.start, e.end)}  # token -> entity
    bare_norms = [bare(n) for n in norms]
    found: list[Span] = []
    i = 0
    while i < len(doc):
        match = next((n for n in by_first.get(bare_norms[i], ())
                      if tuple(bare_norms[i:i + len(n)]) == n and free(owner, i, i + len(n))), None)
        if match is not None:
            end = i + len(match)
            if any(owner.get(t) is None for t in range(i, end)):
                found.append(Span(doc, i, end, label=labels[match].most_common(1)[0][0]))
            i = end
            continue
        norm = norms[i]
        if i not in owner and (norm in person_words or (
                len(norm) >= FUZZY_MIN_CHARS and long_words and words.name_like(doc[i])
                and process.extractOne(norm, long_words, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO))):
            found.append(Span(doc, i, i + 1, label="PER"))
        i += 1
    return found


def relabel(ents: list[Span]) -> list[Span]:
    """One label per name in a document: an entity whose name has another label at least
    twice as often takes that label (ناتو LOC beside five الناتو ORG → ORG)."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for e in ents:
        votes[key(e)][e.label_] += 1
    out = []
    for e in ents:
        label, n = votes[key(e)].most_common(1)[0]
        if label != e.label_ and n >= 2 * votes[key(e)][e.label_]:
            e = Span(e.doc, e.start, e.end, label=label)
        out.append(e)
    return out


def key(span: Span) -> tuple[str, ...]:
    """A name as the tuple of its normalized words without proclitics and ال."""
    return tuple(bare(t.norm_) for t in strip_clitics(span))


def is_description(token) -> bool:
    """«الحلف»: a definite description, which refers back and is not a name to repeat."""
    return token.norm_ in DESCRIPTIONS


def free(owner: dict[int, Span], start: int, end: int) -> bool:
    """No entity crosses the edges of ``start:end`` (entities inside it may be replaced)."""
    return all(owner[t].start >= start and owner[t].end <= end for t in range(start, end) if t in owner)
