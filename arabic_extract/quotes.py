"""Quote attribution: who said what about whom.

The ``arabic_quotes`` component runs after NER and ``arabic_clusters`` and sets ``doc._.quotes``,
a list of :class:`Quote` (spans into the doc), found by these patterns:

- **cue + anchor**: a reporting cue (verb, circumstantial participle or noun from
  ``data/cues.json``) followed in the same sentence by an anchor: a complementizer إن/أن/بأن
  (indirect speech: the content runs to the sentence end, or to the next independent
  attribution), a colon (direct speech to the end of the sentence, or inside the quotation
  marks that open right after it), or an opening quotation mark (direct speech inside the marks);
- **quote first**: «…»، قال المتحدث — a closed quotation just before a cue that has no anchor;
- **headline**: ``X: statement`` at the start of a line, X a person or organization (a place
  there is a dateline, unless a first-person statement follows: «مصر: نرفض …»);
- **source**: بحسب / حسب / وفقا لـ / طبقا لـ / نقلا عن X, before the content (ending in a comma
  or فإن) or after it (content، بحسب X).

Speakers: the first person named between the cue and its anchor (a title in apposition
resolves to the person, not the organization); «نقلت وكالة X عن Y قوله» → Y; else an anonymous
source noun (مصدر حكومي, المتحدث: a speaker with no entity); else an organization or place right
after the cue; else an entity just before the cue (subject–verb order). With none of these the
subject is dropped: the speaker is that of the closest preceding quote whose cue agrees in
gender (أضاف / أضافت / أضافوا).

Quotation marks that no cue, colon or attribution introduces (names, scare quotes) are not
quotes; inside an indirect quote they make it ``mixed``.

Targets are the mentions inside the content (entities and the definite descriptions of
:mod:`.clusters`), one per cluster. Like the clusters, quotes are kept as plain token offsets in
``doc.user_data[QUOTES_KEY]`` so docs still serialize; ``doc._.quotes`` builds the objects.
"""
from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import document as schema
from .clusters import DESC_LABEL, MENTIONS_KEY, doc_clusters
from .lexicon import load_lexicon
from .tokenizer import strip_clitics

CUES_PATH = Path(__file__).resolve().parent / "data" / "cues.json"
QUOTES_KEY = "arabic_extract.quotes"
MAX_GAP = 16  # tokens allowed between a cue and its anchor
STRICT_GAP = 5  # the same for ambiguous cues (بين is also "between")
MAX_HEADLINE_SPEAKER = 6  # tokens before a headline's colon
MAX_SOURCE_PHRASE = 12  # tokens of a بحسب / وفقا لـ phrase
MAX_COPULA_SUBJECT = 4  # tokens between كان and قد taken as a subject
MAX_SOURCE_SPEAKER = 6  # tokens of such a phrase taken as a speaker when it names no entity
OPENING = {"«": "»", "“": "”", "„": "“", '"': '"'}
OPENING_MARKS = frozenset("([«“„\"'")
TRIM = frozenset(".،,;؛:!؟?…-–— \n")  # stripped from the ends of a content


# --------------------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class Cue:
    kind: str  # "verb" | "participle" | "noun"
    lemma: str
    gender: str | None  # "m" | "f" | "pl" | None
    strict: bool = False


class Cues:
    """The cue lexicon of ``data/cues.json``, looked up by ``token.norm_``."""

    def __init__(self, data: dict):
        strict = set(data["strict_verbs"])
        self.cues: dict[str, Cue] = {}
        for lemma, genders in data["verbs"].items():
            for gender, forms in genders.items():
                for form in forms:
                    self.cues[form] = Cue("verb", lemma, gender, lemma in strict)
        for gender, forms in data["participles"].items():
            for form in forms:
                self.cues.setdefault(form, Cue("participle", form, gender))
        for form in data["nouns"]:
            self.cues.setdefault(form, Cue("noun", form, None))
        self.transmit = set(data["transmit_verbs"])
        self.relay_nouns = set(data["relay_nouns"])
        self.complementizers = set(data["complementizers"])
        self.not_complementizer_after = set(data["not_complementizer_after"])
        self.sources = set(data["sources"])
        self.source_links = set(data["source_links"])
        self.from_preposition = data["from_preposition"]
        self.anonymous = set(data["anonymous"])
        self.speaker_stop = set(data["speaker_stop"])
        self.prepositions = set(data["prepositions"])
        self.connectors = set(data["clause_connectors"])
        self.conjunctions = tuple(data["conjunctions"])
        self.honorifics = set(data["honorifics"])
        self.negations = set(data["negations"])
        self.complementizer_only = set(data["complementizer_only"])
        self.time_words = set(data["time_words"])
        self.cue_negations = set(data["cue_negations"])
        self.copulas = set(data["copulas"])

    def strip_conjunction(self, norm: str) -> str:
        """``norm`` without an attached و/ف (وتابعت → تابعت) when the rest is longer than 2."""
        return norm[1:] if norm[:1] in self.conjunctions and len(norm) > 3 else norm

    def lookup(self, token, table) -> str | None:
        """The key of ``table`` that ``token`` is, with or without an attached و/ف."""
        for form in (token.norm_, self.strip_conjunction(token.norm_)):
            if form in table:
                return form
        return None

    def cue(self, token) -> Cue | None:
        form = self.lookup(token, self.cues)
        return self.cues[form] if form else None

    def is_verb(self, token) -> bool:
        cue = self.cue(token)
        return cue is not None and cue.kind == "verb"

    def source(self, token) -> str | None:
        """The source word (بحسب، وفقا) that ``token`` is, or ``None``."""
        return self.lookup(token, self.sources)


@lru_cache(maxsize=4)
def load_cues(path: str | Path = CUES_PATH) -> Cues:
    return Cues(json.loads(Path(path).read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- results

@dataclass
class Quote:
    """A reported statement. All fields are spans of the doc; ``speaker_entity`` is the
    entity the speaker is (``None`` for an anonymous source such as «مصدر حكومي»)."""
    kind: str  # "direct" | "indirect" | "mixed"
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_entity: Span | None = None
    targets: list[Span] = field(default_factory=list)

    def __repr__(self) -> str:
        speaker = self.speaker.text if self.speaker is not None else None
        return f"Quote({self.kind}, speaker={speaker!r}, content={self.content.text[:40]!r})"


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


def doc_quotes(doc: Doc) -> list[Quote]:
    """The quotes stored on ``doc`` by the ``arabic_quotes`` component (empty before it runs)."""
    labels = {(m.start, m.end): m.label_ for m in doc.spans.get(MENTIONS_KEY, [])}
    labels.update({(e.start, e.end): e.label_ for e in doc.ents})

    def span(bounds, label=""):
        return Span(doc, bounds[0], bounds[1], label=label) if bounds else None

    quotes = []
    for kind, content, cue, speaker, is_entity, targets in doc.user_data.get(QUOTES_KEY, []):
        spk = span(speaker, labels.get(tuple(speaker), "") if speaker else "")
        quotes.append(Quote(kind, span(content), span(cue), spk, spk if is_entity else None,
                            [span(t, labels.get(tuple(t), "")) for t in targets]))
    return quotes


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=doc_quotes)


# --------------------------------------------------------------------------- the text

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
        self.ents = sorted((strip_clitics(e) for e in doc.ents), key=lambda e: e.start)
        self.descriptions = {m.start for m in doc.spans.get(MENTIONS_KEY, []) if m.label_ == DESC_LABEL}

    def sentence(self, i: int) -> tuple[int, int]:
        return self.sents[self.sent_of[i]]

    def line_end(self, i: int) -> int:
        """The index of the first token at or after ``i`` that holds a line break."""
        doc = self.doc
        while i < len(doc) and "\n" not in doc[i].text:
            i += 1
        return i

    def is_line_start(self, i: int) -> bool:
        doc = self.doc
        return not doc[i].is_space and (i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text))

    def in_region(self, i: int) -> bool:
        return any(o < i < c for o, c in self.regions.items())

    def entity_at(self, start: int, end: int, labels=("PER", "ORG", "LOC", "MISC")) -> list[Span]:
        return [e for e in self.ents if start <= e.start and e.end <= end and e.label_ in labels]

    def after_preposition(self, ent: Span) -> bool:
        """``ent`` is the object of a preposition, maybe in brackets or quotes: «على (تويتر)»."""
        k = ent.start - 1
        while k >= 0 and self.doc[k].text in OPENING_MARKS:
            k -= 1
        return k >= 0 and self.doc[k].norm_ in self.cues.prepositions


def quote_regions(doc: Doc) -> dict[int, int]:
    """Closed pairs of quotation marks on one line, as ``{open token: close token}``."""
    regions: dict[int, int] = {}
    stack: list[tuple[int, str]] = []
    for token in doc:
        if "\n" in token.text:
            stack.clear()
        elif stack and token.text == stack[-1][1]:
            regions[stack.pop()[0]] = token.i
        elif token.text in OPENING:
            stack.append((token.i, OPENING[token.text]))
    return regions


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without leading and trailing punctuation and spaces."""
    while start < end and (doc[start].is_space or doc[start].text in TRIM):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in TRIM):
        end -= 1
    return start, end


# --------------------------------------------------------------------------- speakers

def anonymous_phrase(ctx: Context, i: int, end: int, any_noun: bool = False) -> tuple[int, int] | None:
    """An anonymous source phrase at token ``i`` («مصدر حكومي رفيع», «المتحدث»): a noun of the
    lexicon's ``anonymous`` list (any noun with ``any_noun``) and up to two following words,
    stopping at a function word, a clitic, an entity or ``end``."""
    doc, cues = ctx.doc, ctx.cues
    if i >= end or not (any_noun or doc[i].norm_ in cues.anonymous):
        return None
    starts = {e.start for e in ctx.ents}
    j = i + 1
    while (j < min(end, i + 3) and doc[j].is_alpha and j not in starts and doc[j].norm_ not in cues.speaker_stop
           and doc[j].norm_ not in cues.prepositions and doc[j].norm_ not in cues.complementizers
           and cues.cue(doc[j]) is None and doc[j - 1].whitespace_):
        j += 1
    return i, j


def first_word(ctx: Context, start: int, end: int) -> int:
    """The first token in ``start:end`` that is not punctuation, space or a split و/ف."""
    doc = ctx.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].norm_ in ctx.cues.conjunctions):
        start += 1
    return start


def speaker_between(ctx: Context, start: int, end: int, transmit: bool,
                    after_verb: bool = False) -> tuple[tuple[int, int], bool] | None:
    """The speaker named in ``start:end`` (after a cue) as ``(bounds, is_entity)``, or ``None``.

    ``transmit``: the cue relays someone else's words («نقلت وكالة X عن Y قوله»), so the
    speaker comes after the last عن. ``after_verb``: ``start`` follows a verb, so a plain noun
    there is its subject (قال الوزيران، ذكرت تقارير إعلامية) unless it is a function word or an
    adverb in -ا (أيضا، مجددا)."""
    doc, cues = ctx.doc, ctx.cues
    if transmit:
        froms = [i for i in range(start, end) if doc[i].norm_ == cues.from_preposition]
        if froms:
            start = froms[-1] + 1
    ents = ctx.entity_at(start, end)
    persons = [e for e in ents if e.label_ == "PER"]
    if persons:
        return (persons[0].start, persons[0].end), True
    head = first_word(ctx, start, end)
    anonymous = anonymous_phrase(ctx, head, end)
    if anonymous:
        return anonymous, False
    others = [e for e in ents if e.start == head or (e.label_ == "ORG" and not ctx.after_preposition(e))]
    if others:
        return (others[0].start, others[0].end), True
    if head in ctx.descriptions:  # «وقال الحلف إن»: a description of a named entity
        return (head, head + 1), True
    if after_verb and head == start and is_subject_word(ctx, head, end):
        return anonymous_phrase(ctx, head, end, any_noun=True), False
    return None


def is_subject_word(ctx: Context, i: int, end: int) -> bool:
    """Token ``i`` can be a verb's subject: a word, not a function word, adverb, time word
    (عشية، الأسبوع) or cue."""
    if i >= end:
        return False
    token, cues = ctx.doc[i], ctx.cues
    return (token.is_alpha and not token.norm_.endswith("ا") and token.norm_ not in cues.speaker_stop
            and token.norm_ not in cues.time_words and token.norm_ not in cues.prepositions and token.norm_ not in cues.complementizers
            and token.norm_ not in cues.conjunctions and cues.cue(token) is None)


def relayed_speaker(ctx: Context, i: int) -> tuple[tuple[int, int], bool] | None:
    """The speaker of «عن Y قوله»: between the last عن of the sentence and the noun at ``i``."""
    doc = ctx.doc
    sent_start = ctx.sentence(i)[0]
    froms = [k for k in range(sent_start, i) if doc[k].norm_ == ctx.cues.from_preposition]
    return speaker_between(ctx, froms[-1] + 1, i, False) if froms else None


def speaker_before(ctx: Context, cue: int) -> tuple[tuple[int, int], bool] | None:
    """An entity right before the cue, in the same sentence (subject–verb order:
    «وزارة الصحة أعلنت أن»), else the subject of «وكان … قد أكد»."""
    sent_start = ctx.sentence(cue)[0]
    for e in ctx.ents:
        if e.end in (cue, cue - 1) and e.start >= sent_start and e.label_ in ("PER", "ORG", "LOC"):
            if not ctx.after_preposition(e):
                return (e.start, e.end), True
    return copula_subject(ctx, cue, sent_start)


def copula_subject(ctx: Context, cue: int, sent_start: int) -> tuple[tuple[int, int], bool] | None:
    """The noun phrase of «وكان المتحدث العسكري قد أكد أن» (كان + subject + قد + cue), as a
    speaker with no entity."""
    doc, cues = ctx.doc, ctx.cues
    if cue < 3 or doc[cue - 1].norm_ != "قد":
        return None
    for k in range(cue - 3, max(sent_start, cue - 3 - MAX_COPULA_SUBJECT) - 1, -1):
        if doc[k].norm_ in cues.copulas:
            if is_subject_word(ctx, k + 1, cue - 1):
                return (k + 1, cue - 1), False
            return None
    return None


# --------------------------------------------------------------------------- patterns

def find_anchor(ctx: Context, i: int, cue: Cue) -> tuple[int, str] | None:
    """The first complementizer, colon or opening quotation mark after the cue at ``i``, within
    its sentence and gap limit and before any other reporting verb, as ``(index, kind)``.
    A noun cue (تصريح، بيان) and a ``complementizer_only`` verb (بين, also "between") take
    only a complementizer."""
    doc, cues = ctx.doc, ctx.cues
    end = min(ctx.sentence(i)[1], i + 2 + (STRICT_GAP if cue.strict else MAX_GAP))
    any_anchor = cue.kind != "noun" and cue.lemma not in cues.complementizer_only
    for j in range(i + 1, end):
        token = doc[j]
        if token.text == ":" and any_anchor:
            return j, "colon"
        if (j in ctx.regions and any_anchor and doc[j - 1].norm_ not in cues.prepositions
                and ends_clause(ctx, ctx.regions[j])):  # «دون "…"» is a noun phrase, not speech
            return j, "open"
        if token.norm_ in cues.complementizers and doc[j - 1].norm_ not in cues.not_complementizer_after:
            return j, "comp"
        if cues.is_verb(token) or "\n" in token.text:
            return None
    return None


def ends_clause(ctx: Context, close: int) -> bool:
    """The quotation closed at ``close`` ends its clause (speech), unlike a name inside one
    («أشارت قناة «تي في 5» إلى أن»)."""
    nxt = first_word_or_mark(ctx, close + 1)
    return nxt >= len(ctx.doc) or nxt >= ctx.sentence(close)[1] or ctx.doc[nxt].is_punct or "\n" in ctx.doc[nxt - 1].text


def content_after(ctx: Context, anchor: int, kind: str) -> tuple[tuple[int, int], str]:
    """The content that follows an anchor, and the quote's kind."""
    doc = ctx.doc
    start = anchor + 1
    if kind == "open":
        return (start, ctx.regions[anchor]), "direct"
    if kind == "colon":
        first = first_word_or_mark(ctx, start)
        if first in ctx.regions:
            return (first + 1, ctx.regions[first]), "direct"
        return trim(doc, start, min(ctx.sentence(anchor)[1], ctx.line_end(start))), "direct"
    bounds = trim(doc, start, min(ctx.sentence(anchor)[1], ctx.line_end(start)))
    mixed = any(bounds[0] <= o and c < bounds[1] for o, c in ctx.regions.items())
    return bounds, "mixed" if mixed else "indirect"


def first_word_or_mark(ctx: Context, i: int) -> int:
    """The first token at or after ``i`` that is not a space."""
    while i < len(ctx.doc) and ctx.doc[i].is_space:
        i += 1
    return i


def cue_quote(ctx: Context, i: int, cue: Cue, taken: set[int]) -> Found | None:
    """The quote a cue at ``i`` introduces through an anchor after it, or a closed quotation
    just before it («…»، قال المتحدث)."""
    doc = ctx.doc
    anchor = find_anchor(ctx, i, cue)
    if anchor is not None:
        j, kind = anchor
        if j in taken:
            return None
        content, kind = content_after(ctx, j, kind)
        if content[0] >= content[1]:
            return None
        found = Found(kind, content, (i, i + 1), cue.gender, anchor=j, cue_kind=cue.kind)
        if cue.lemma in ctx.cues.relay_nouns:
            speaker = relayed_speaker(ctx, i)
        else:
            # «نقلت وكالة X عن Y قوله», «أوضح بيان صادر عن X»: the speaker follows عن.
            subject = ctx.cues.cue(doc[first_word(ctx, i + 1, j)]) if i + 1 < j else None
            transmit = (cue.lemma in ctx.cues.transmit or (subject is not None and subject.kind == "noun")
                        or any(ctx.cues.lookup(doc[k], ctx.cues.relay_nouns) for k in range(i + 1, j)))
            speaker = speaker_between(ctx, i + 1, j, transmit, after_verb=cue.kind == "verb") or speaker_before(ctx, i)
        if speaker:
            found.speaker, found.speaker_is_entity = speaker
        return found
    if cue.kind != "verb" or cue.strict:
        return None
    return quote_before(ctx, i, cue, taken)


def quote_before(ctx: Context, i: int, cue: Cue, taken: set[int]) -> Found | None:
    """«…»، قال المتحدث: a closed quotation right before the cue; the speaker follows the cue."""
    doc = ctx.doc
    k = i - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in "،,-–—" or doc[k].norm_ in ctx.cues.conjunctions):
        k -= 1
    if k not in ctx.closes or ctx.closes[k] in taken:
        return None
    opening = ctx.closes[k]
    if first_word(ctx, ctx.sentence(opening)[0], opening) != opening:
        return None  # the quotation must open its sentence
    clause_end = next((j for j in range(i + 1, ctx.sentence(i)[1]) if doc[j].text in TRIM), ctx.sentence(i)[1])
    found = Found("direct", (opening + 1, k), (i, i + 1), cue.gender, anchor=opening)
    speaker = speaker_between(ctx, i + 1, clause_end, False, after_verb=True)
    if speaker:
        found.speaker, found.speaker_is_entity = speaker
    return found


def headline_quote(ctx: Context, i: int) -> Found | None:
    """``X: statement`` at the start of a line, X an entity with no cue before the colon."""
    doc = ctx.doc
    colon = next((j for j in range(i, min(i + MAX_HEADLINE_SPEAKER + 1, len(doc)))
                  if doc[j].text == ":" or "\n" in doc[j].text or ctx.cues.cue(doc[j])), None)
    if colon is None or doc[colon].text != ":":
        return None
    content = trim(doc, colon + 1, ctx.line_end(colon))
    # A place before a colon is a dateline («بغداد: وصل الوفد»), unless a first-person
    # statement follows («مصر: نرفض أي تدخل»).
    labels = ("PER", "ORG", "MISC", "LOC") if first_person(ctx, content[0]) else ("PER", "ORG", "MISC")
    ents = [e for e in ctx.entity_at(i, colon, labels)
            if e.end == colon or e.start == first_word(ctx, i, colon)]
    if not ents or content[0] >= content[1]:
        return None
    opening = first_word_or_mark(ctx, colon + 1)
    if opening in ctx.regions:  # الناتو: «…»
        content = (opening + 1, ctx.regions[opening])
    else:  # «الناتو: نعمل على … مجددا يانس ستولينبيرج»: a byline name closes the line
        byline = [e for e in ctx.ents if e.label_ == "PER" and e.end == content[1] and e.start > content[0] + 2
                  and doc[e.start - 1].norm_.endswith("ا") and not ctx.after_preposition(e)]
        if byline:
            content = trim(doc, content[0], byline[0].start)
    return Found("direct", content, None, None, anchor=colon, speaker=(ents[0].start, ents[0].end),
                 speaker_is_entity=True)


def first_person(ctx: Context, i: int) -> bool:
    """The statement at ``i`` speaks in the first person plural: نحن, or a verb in ن- or سن-
    (نعمل، سنرد، لن نسمح)."""
    doc, start = ctx.doc, i
    while i < len(doc) and (doc[i].norm_ in ctx.cues.negations or doc[i].text in OPENING_MARKS):
        i += 1
    if i >= len(doc) or not doc[i].is_alpha:
        return False
    norm, shortest = doc[i].norm_, 3 if i > start else 4  # after لن a verb may be short (لن نقف)
    if norm == "نحن":
        return True
    # A verb never takes ال and has a third-person form in ي- (نرفض/يرفض); نهاية, سنوات do not.
    counts = load_lexicon()
    if counts.count("ال" + norm):
        return False
    if len(norm) >= 5 and norm.startswith("سن"):
        return counts.count("سي" + norm[2:]) > 0
    return len(norm) >= shortest and norm[0] == "ن" and counts.count("ي" + norm[1:]) > 0


def source_phrase(ctx: Context, start: int, end: int) -> tuple[tuple[int, int], bool] | None:
    """The words of a source phrase that names no entity («بحسب وزارة الصحة الفلسطينية»
    untagged) as a speaker with no entity: at most :data:`MAX_SOURCE_SPEAKER` words from a
    subject word to ``end``."""
    start = first_word(ctx, start, end)
    while end > start and ctx.doc[end - 1].is_punct:  # «"فرانس برس".»
        end -= 1
    bounds = trim(ctx.doc, start, end)
    if bounds[0] >= bounds[1] or bounds[1] - bounds[0] > MAX_SOURCE_SPEAKER or not is_subject_word(ctx, start, end):
        return None
    return bounds, False


def source_quote(ctx: Context, i: int) -> Found | None:
    """بحسب / وفقا لـ / نقلا عن X: content after the phrase (closed by a comma or فإن) or
    before it (content، بحسب X)."""
    doc, cues = ctx.doc, ctx.cues
    sent_start, sent_end = ctx.sentence(i)
    j = i + 1
    while j < sent_end and doc[j].norm_ in cues.source_links:  # وفقا لـ، نقلا عن، بحسب ما
        j += 1
    if j < sent_end and cues.is_verb(doc[j]) and doc[j - 1].norm_ in cues.source_links:  # بحسب ما ذكرت X
        j += 1
    phrase_end = next((k for k in range(j, min(sent_end, j + MAX_SOURCE_PHRASE))
                       if doc[k].text in "،,:" or doc[k].norm_ in ("فان", "ف")), None)
    comma = i - 2 if doc[i - 1].norm_ in cues.conjunctions else i - 1
    if comma > sent_start and doc[comma].text in "،,":  # content، بحسب X
        speaker = speaker_between(ctx, j, sent_end, True) or source_phrase(ctx, j, sent_end)
        content = trim(doc, sent_start, i)
    elif phrase_end is not None:
        speaker = speaker_between(ctx, j, phrase_end, True) or source_phrase(ctx, j, phrase_end)
        start = phrase_end + 1 if doc[phrase_end].norm_ != "ف" else phrase_end
        start = first_word(ctx, start, sent_end)  # skips a split ف
        if start < sent_end and doc[start].norm_ in cues.complementizers:
            start += 1  # فإن
        content = trim(doc, start, sent_end)
    else:
        return None
    if speaker is None or content[0] >= content[1]:
        return None
    found = Found("indirect", content, (i, i + 1), None, anchor=i)
    found.speaker, found.speaker_is_entity = speaker
    return found


# --------------------------------------------------------------------------- the finder

def find_quotes(doc: Doc, cues: Cues) -> list[Found]:
    """Every quote of ``doc``, speakers resolved, in text order."""
    ctx = Context(doc, cues)
    found: list[Found] = []
    taken: set[int] = set()  # anchors already used

    def add(q: Found | None) -> None:
        if q is not None and q.anchor not in taken:
            taken.add(q.anchor)
            found.append(q)

    for token in doc:
        i = token.i
        if ctx.is_line_start(i):
            add(headline_quote(ctx, i))
        cue = cues.cue(token)
        if (cue is None or ctx.in_region(i) or subordinate(ctx, i) or in_source_phrase(ctx, i)
                or negated(ctx, i) or not starts_attribution(ctx, i, found)):
            continue
        q = cue_quote(ctx, i, cue, taken)
        if q is not None:
            cut_previous(ctx, i, found)
            add(q)
    for token in doc:
        if cues.source(token) and not ctx.in_region(token.i) and free_sentence(ctx, token.i, found):
            add(source_quote(ctx, token.i))
    found = [q for q in found if q.content[0] < q.content[1]]  # a later attribution may leave nothing
    found.sort(key=lambda q: q.cue[0] if q.cue else q.anchor)
    resolve_participle_subjects(ctx, found)
    resolve_dropped_subjects(found)
    return found


def in_source_phrase(ctx: Context, i: int) -> bool:
    """The cue at ``i`` follows a source word and its links («حسب ما ذكرت», «وفقا لما أعلنه»):
    the source pattern, not the cue, makes the quote."""
    k = i - 1
    while k >= 0 and ctx.doc[k].norm_ in ctx.cues.source_links:
        k -= 1
    return k < i - 1 and k >= 0 and ctx.cues.source(ctx.doc[k]) is not None


def negated(ctx: Context, i: int) -> bool:
    """The cue at ``i`` is negated («ولم تكشف المصادر عن …»): nothing is reported."""
    return i > 0 and ctx.doc[i - 1].norm_ in ctx.cues.cue_negations


def subordinate(ctx: Context, i: int) -> bool:
    """The cue at ``i`` follows «بعد أن», «منذ أن»…: a time clause, not a report."""
    doc, cues = ctx.doc, ctx.cues
    return i >= 2 and doc[i - 1].norm_ in cues.complementizers and doc[i - 2].norm_ in cues.not_complementizer_after


def starts_attribution(ctx: Context, i: int, found: list[Found]) -> bool:
    """A cue inside an earlier quote's content starts a new attribution only when it begins
    an independent clause (after و/ف, a comma or كما); otherwise it is part of the content."""
    if any(q.content[0] <= i < q.content[1] for q in found):
        token = ctx.doc[i]
        return ctx.doc[i - 1].norm_ in ctx.cues.connectors or ctx.cues.strip_conjunction(token.norm_) != token.norm_
    return True


def cut_previous(ctx: Context, i: int, found: list[Found]) -> None:
    """End an indirect content that the attribution starting at ``i`` interrupts."""
    for q in found:
        if q.content[0] <= i < q.content[1] and q.anchor not in ctx.regions:
            q.content = trim(ctx.doc, q.content[0], max(q.content[0], connector_start(ctx, i)))


def connector_start(ctx: Context, i: int) -> int:
    """Where the clause of the cue at ``i`` starts: before its و/ف, كما or comma."""
    while i > 0 and (ctx.doc[i - 1].norm_ in ctx.cues.connectors or ctx.doc[i - 1].is_space):
        i -= 1
    return i


def free_sentence(ctx: Context, i: int, found: list[Found]) -> bool:
    """No quote already found has its cue, anchor or content in the sentence of token ``i``."""
    sent = ctx.sent_of[i]
    for q in found:
        points = [q.anchor, q.content[0]] + ([q.cue[0]] if q.cue else [])
        if any(ctx.sent_of[p] == sent for p in points if 0 <= p < len(ctx.doc)):
            return False
        if q.content[0] <= i < q.content[1]:
            return False
    return True


def agrees(gender: str | None, other: str | None) -> bool:
    """A dropped subject's verb agrees with an earlier cue. A plural verb also agrees with a
    masculine one: before its subject an Arabic verb stays singular (قال المعارضان … وأضافا)."""
    return gender is None or other is None or gender == other or (gender, other) == ("pl", "m")


def resolve_participle_subjects(ctx: Context, found: list[Found]) -> None:
    """A circumstantial participle (مؤكدا، مشيرا) with no speaker shares the subject of its
    sentence: the speaker of an earlier quote in the sentence, else the first person or
    organization of the sentence before it that does not follow a preposition."""
    for k, q in enumerate(found):
        if q.speaker is not None or q.cue_kind != "participle":
            continue
        sent = ctx.sent_of[q.cue[0]]
        earlier = [p for p in found[:k] if p.speaker is not None and p.cue and ctx.sent_of[p.cue[0]] == sent]
        if earlier:
            q.speaker, q.speaker_is_entity = earlier[-1].speaker, earlier[-1].speaker_is_entity
            continue
        subjects = [e for e in ctx.entity_at(ctx.sentence(q.cue[0])[0], q.cue[0], ("PER", "ORG"))
                    if not ctx.after_preposition(e)]
        if subjects:
            q.speaker, q.speaker_is_entity = (subjects[0].start, subjects[0].end), True


def resolve_dropped_subjects(found: list[Found]) -> None:
    """A quote with no speaker takes the speaker of the closest preceding quote whose cue
    agrees in gender."""
    for k, q in enumerate(found):
        if q.speaker is not None:
            continue
        for prev in reversed(found[:k]):
            if prev.speaker is not None and agrees(q.gender, prev.gender):
                q.speaker, q.speaker_is_entity = prev.speaker, prev.speaker_is_entity
                q.gender = q.gender or prev.gender
                break


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


@Language.factory("arabic_quotes", default_config={"cues_path": None})
def make_quote_finder(nlp: Language, name: str, cues_path: str | None):
    """The ``arabic_quotes`` component; ``cues_path`` replaces the shipped cue lexicon."""
    cues = load_cues(cues_path or CUES_PATH)

    def find(doc: Doc) -> Doc:
        cluster_ids = {(m.start, m.end): c.id for c in doc_clusters(doc) for m in c.mentions}
        bounds = mention_bounds(doc)
        doc.user_data[QUOTES_KEY] = [
            [q.kind, list(q.content), list(q.cue) if q.cue else None, list(q.speaker) if q.speaker else None,
             q.speaker_is_entity, [list(t) for t in targets(bounds, q.content, cluster_ids)]]
            for q in find_quotes(doc, cues)]
        return doc

    return find


# --------------------------------------------------------------------------- schema

def to_schema(doc: Doc, text: str | None = None, offset: int = 0, start: tuple[int, int, int] = (0, 0, 0)
              ) -> tuple[list[schema.Entity], list[schema.Cluster], list[schema.Quote]]:
    """The entities, clusters and quotes of ``doc`` as :mod:`.document` objects.

    ``text`` is the caller's original text and ``offset`` where ``doc`` starts in it (a piece
    of a long text); ``start`` is how many entities, clusters and quotes earlier pieces made,
    so ids go on (e{n}, c{n}, q{n}). Clusters list their entity mentions only (definite
    descriptions are not entities); a quote's target that is a description stands for its
    cluster's first entity.
    """
    text = doc.text if text is None else text
    n_ent, n_clu, n_quo = start

    def piece(span: Span) -> tuple[str, int, int]:
        s, e = offset + span.start_char, offset + span.end_char
        return text[s:e], s, e

    entity_ids: dict[tuple[int, int], str] = {}
    cluster_of: dict[tuple[int, int], str] = {}
    clusters: list[schema.Cluster] = []
    for cluster in doc_clusters(doc):
        ents = [m for m in cluster.entities if m.label_ in schema.LABELS]
        if not ents:
            continue
        cid = f"c{n_clu + len(clusters) + 1}"
        for m in cluster.mentions:
            cluster_of[(m.start, m.end)] = cid
        clusters.append(schema.Cluster(cid, cluster.label, cluster.name,
                                       tuple((m.start, m.end) for m in ents)))  # ids filled below
    entities: list[schema.Entity] = []
    for ent in map(strip_clitics, doc.ents):
        if ent.label_ in schema.LABELS:
            eid = f"e{n_ent + len(entities) + 1}"
            entity_ids[(ent.start, ent.end)] = eid
            entities.append(schema.Entity(*piece(ent), id=eid, label=ent.label_,
                                          cluster=cluster_of.get((ent.start, ent.end))))
    clusters = [schema.Cluster(c.id, c.label, c.name, tuple(entity_ids[b] for b in c.mentions if b in entity_ids))
                for c in clusters]
    first_entity = {c.id: c.mentions[0] for c in clusters if c.mentions}

    def entity_id(span: Span) -> str | None:
        bounds = (span.start, span.end)
        return entity_ids.get(bounds) or first_entity.get(cluster_of.get(bounds, ""))

    quotes: list[schema.Quote] = []
    for q in doc_quotes(doc):
        speaker = None
        if q.speaker is not None:
            bounds = (q.speaker.start, q.speaker.end)
            named = q.speaker_entity is not None  # an anonymous source has neither entity nor cluster
            speaker = schema.Speaker(*piece(q.speaker), entity=entity_id(q.speaker) if named else None,
                                     cluster=cluster_of.get(bounds) if named else None)
        target_ids = tuple(dict.fromkeys(t for t in map(entity_id, q.targets) if t))
        quotes.append(schema.Quote(f"q{n_quo + len(quotes) + 1}", q.kind, schema.Span(*piece(q.content)),
                                   schema.Span(*piece(q.cue)) if q.cue is not None else None, speaker, target_ids))
    return entities, clusters, quotes
