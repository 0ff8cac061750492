"""What the quote finder knows about a ``Doc``: its sentences, lines, closed quotation marks
and entities (:class:`Context`), and a quote while it is being built (:class:`Found`).

Reads the sentence starts, ``doc.ents`` (split proclitics stripped) and the definite
descriptions of ``doc.spans["mentions"]``; writes nothing.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc, Span

from ..entities.clusters import DESC_LABEL, MENTIONS_KEY
from ..lexicons.cues import Cues
from ..text.clitics import strip_clitics

OPENING = {"«": "»", "“": "”", "„": "“", '"': '"'}
OPENING_MARKS = frozenset("([«“„\"'")
TRIM = frozenset(".،,;؛:!؟?…-–— \n")  # stripped from the ends of a content


@dataclass
class Found:
    """A quote while it is being built, in token offsets (end exclusive)."""
    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    gender: str | None
    anchor: int = -1
    cue_kind: str | None = None
    speaker: tuple[int, int] | None = None
    speaker_is_entity: bool = False


class Context:
    """What the finder needs to know about ``doc``: sentences, lines, quotation marks, entities."""

    def __init__(self, doc: Doc, cues: Cues):
        self.doc, self.cues = doc, cues
        self.sent_of = [0] * len(doc)
        self.sents = []
        for k, sent in enumerate(doc.sents):
            self.sents.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.regions = quote_regions(doc)  # {open: close}
        self.closes = {c: o for o, c in self.regions.items()}
        # Token i is inside a region when more regions have opened before it than closed.
        depth = [0] * (len(doc) + 1)
        for o, c in self.regions.items():
            depth[o + 1] += 1
            depth[c] -= 1
        self.inside = list(accumulate(depth))
        # The regions by opening token, and from each on the earliest close (for "a region inside a:b").
        self.opens = sorted(self.regions)
        self.first_close = list(accumulate(reversed([self.regions[o] for o in self.opens]), min))[::-1]
        self.ents = sorted((strip_clitics(e) for e in doc.ents), key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.ents]
        self.descriptions = {m.start for m in doc.spans.get(MENTIONS_KEY, []) if m.label_ == DESC_LABEL}
        self._line_ends: list[int] | None = None

    def sentence(self, i: int) -> tuple[int, int]:
        return self.sents[self.sent_of[i]]

    def line_end(self, i: int) -> int:
        """The index of the first token at or after ``i`` that holds a line break (``len(doc)``
        if none does)."""
        if self._line_ends is None:  # one pass from the end, the first time it is asked
            ends, end = [0] * len(self.doc), len(self.doc)
            for k in range(len(self.doc) - 1, -1, -1):
                if "\n" in self.doc[k].text:
                    end = k
                ends[k] = end
            self._line_ends = ends
        return self._line_ends[i] if i < len(self.doc) else i

    def is_line_start(self, i: int) -> bool:
        doc = self.doc
        return not doc[i].is_space and (i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text))

    def in_region(self, i: int) -> bool:
        """Token ``i`` is inside a closed pair of quotation marks (not one of the marks)."""
        return self.inside[i] > 0

    def region_within(self, start: int, end: int) -> bool:
        """A closed pair of quotation marks lies inside ``start:end`` (opens at or after ``start``,
        closes before ``end``)."""
        k = bisect_left(self.opens, start)
        return k < len(self.opens) and self.first_close[k] < end

    def entity_starting(self, i: int, end: int | None = None) -> Span | None:
        """The entity that starts at token ``i`` (and ends by ``end``, if given), or ``None``."""
        k = bisect_left(self.ent_starts, i)
        if k < len(self.ents) and self.ent_starts[k] == i and (end is None or self.ents[k].end <= end):
            return self.ents[k]
        return None

    def entity_at(self, start: int, end: int, labels=("PER", "ORG", "LOC", "MISC")) -> list[Span]:
        """The entities inside ``start:end`` with one of ``labels``, in text order."""
        first, last = bisect_left(self.ent_starts, start), bisect_left(self.ent_starts, end)
        return [e for e in self.ents[first:last] if e.end <= end and e.label_ in labels]

    def after_preposition(self, ent: Span) -> bool:
        """``ent`` is the object of a preposition, maybe in brackets or quotes («على (تويتر)») or
        after a title of one or two words with ال («مع الوزير كمال داود»، «بالرئيس الفرنسي X») or
        after a media noun («في تصريح لوكالة الأنباء السعودية»: whom it was said to)."""
        doc, k = self.doc, ent.start - 1
        while k >= 0 and doc[k].text in OPENING_MARKS:
            k -= 1
        for _ in range(3):
            if k < 0:
                return False
            if doc[k].norm_ in self.cues.prepositions:
                return True
            if not doc[k].norm_.startswith("ال") and doc[k].norm_ not in self.cues.media:
                return False
            k -= 1
        return False


def quote_regions(doc: Doc) -> dict[int, int]:
    """Closed pairs of quotation marks on one line, as ``{open token: close token}``. A mark
    that opens and closes alike (") is left out when nothing is open and it can only close:
    glued to the word before it and not to the word after (شوكتهم". : a stray closing mark,
    which would pair every later mark the wrong way round)."""
    regions: dict[int, int] = {}
    stack: list[tuple[int, str]] = []
    for token in doc:
        if "\n" in token.text:
            stack.clear()
        elif stack and token.text == stack[-1][1]:
            regions[stack.pop()[0]] = token.i
        elif token.text in OPENING and not (not stack and OPENING[token.text] == token.text and stray_close(token)):
            stack.append((token.i, OPENING[token.text]))
    return regions


def stray_close(token) -> bool:
    """A quotation mark glued to the letters before it and followed by a space, punctuation or
    the end."""
    doc, i = token.doc, token.i
    before = i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].is_alpha
    after = i + 1 >= len(doc) or bool(token.whitespace_) or doc[i + 1].is_punct or doc[i + 1].is_space
    return before and after


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without leading and trailing punctuation and spaces."""
    while start < end and (doc[start].is_space or doc[start].text in TRIM):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in TRIM):
        end -= 1
    return start, end


def first_word(ctx: Context, start: int, end: int) -> int:
    """The first token in ``start:end`` that is not punctuation, space or a split و/ف."""
    doc = ctx.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].norm_ in ctx.cues.conjunctions):
        start += 1
    return start


def first_word_or_mark(ctx: Context, i: int) -> int:
    """The first token at or after ``i`` that is not a space."""
    while i < len(ctx.doc) and ctx.doc[i].is_space:
        i += 1
    return i
