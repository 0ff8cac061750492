"""Attached proclitics (و ف ب ل ك لل) and the article ال: reading a normalized word as
proclitics + stem, and the tokens and spans that the tokenizer split.

Reads ``token.norm_`` and ``token.whitespace_`` of a tokenized ``Doc``; writes nothing.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span

from ..lexicons.words import Lexicon

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
CLITICS = frozenset(CONJUNCTIONS + PREPOSITIONS + ("لل",))


def is_split_clitic(token) -> bool:
    """True for a proclitic token that the tokenizer split from the word after it."""
    return not token.whitespace_ and token.norm_ in CLITICS and token.i + 1 < len(token.doc)


def strip_clitics(span):
    """``span`` without split proclitics at its edges (an entity never includes them)."""
    start, end = span.start, span.end
    while start < end - 1 and is_split_clitic(span.doc[start]):
        start += 1
    while end > start + 1 and is_split_clitic(span.doc[end - 1]):
        end -= 1
    return span if (start, end) == (span.start, span.end) else Span(span.doc, start, end, label=span.label)


def proclitic_splits(word: str) -> Iterator[tuple[list[str], str, str]]:
    """All ways to read a normalized word as proclitics + stem.

    Yields ``(clitics, stem, lookup)``: the clitic strings in order, the stem as
    written, and the stem's dictionary form (``لل`` + X is ل + ال + X, so its
    lookup form is ``ال`` + X).
    """
    for conj in ("",) + CONJUNCTIONS:
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj):]
        if conj:
            yield [conj], rest, rest
        if rest.startswith("لل"):
            yield [c for c in (conj, "لل") if c], rest[2:], "ال" + rest[2:]
        for prep in PREPOSITIONS:
            if rest.startswith(prep):
                yield [c for c in (conj, prep) if c], rest[1:], rest[1:]


def split_proclitics(word: str, lexicon: Lexicon) -> tuple[list[str], str, str]:
    """Split attached proclitics from a normalized Arabic word.

    A split is taken only when the stem is a known word (seen ``lexicon.min_count``
    times) at least as frequent as the whole word, or, after و/ف, a stem of three or
    more letters seen ``lexicon.frequent`` / 10 times and no rarer than
    1/``lexicon.max_ratio`` of the whole word (واضاف : اضاف). Two-letter stems are
    split only after و/ف and when frequent (قد، لا، لم). Words listed as never split
    stay whole. Among possible splits the one with the most frequent stem wins.
    Returns ``(clitics, stem, lookup)``; ``clitics`` is empty when the word stays whole.

    >>> from arabic_extract.lexicons.words import load_lexicon
    >>> split_proclitics("والعراق", load_lexicon())
    (['و'], 'العراق', 'العراق')
    >>> split_proclitics("بغداد", load_lexicon())
    ([], 'بغداد', 'بغداد')
    """
    best: tuple[list[str], str, str] = ([], word, word)
    if len(word) < 3 or word in lexicon.never_split:
        return best
    whole = lexicon.count(word)
    best_count = 0
    for clitics, stem, lookup in proclitic_splits(word):
        c = lexicon.count(lookup)
        after_conjunction = clitics[-1] in CONJUNCTIONS
        if len(stem) < 2 or (len(stem) == 2 and not (after_conjunction and c >= lexicon.frequent)):
            continue
        word_like = c >= lexicon.min_count and c >= whole
        common_after_conjunction = (after_conjunction and len(stem) >= 3 and c >= lexicon.frequent // 10
                                    and c * lexicon.max_ratio >= whole)
        if (word_like or common_after_conjunction) and c > best_count:
            best, best_count = (clitics, stem, lookup), c
    clitics, stem, _ = best
    if clitics and clitics[-1] in ("ب", "ك") and stem.startswith("ي") and stem not in lexicon.ya_nouns:
        stem = clitics[-1] + stem
        return clitics[:-1], stem, stem
    return best


def bare(norm: str) -> str:
    """A normalized word without the article ال (الناتو → ناتو)."""
    return norm[2:] if norm.startswith("ال") and len(norm) > 3 else norm
