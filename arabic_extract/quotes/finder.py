"""Every quote of a ``Doc``: the patterns of :mod:`.patterns` tried token by token, cues that
report nothing skipped (negated, in a time clause, in a source phrase, after «ما يشير», inside another
quote's content without a new clause), an indirect content cut where a later attribution
starts, then the number of unnamed speakers set, media names taken out of «صحيفة / قناة …», titles
resolved to the person named after them, and
the speakers of participles and dropped subjects resolved (:mod:`.speakers`).

Quotation marks that no cue, colon or attribution introduces (names, scare quotes) are not
quotes; inside an indirect quote they make it ``mixed``.

Reads the ``Doc`` through a :class:`~.context.Context`; returns :class:`~.context.Found` quotes
in text order.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..lexicons.cues import Cues
from ..lexicons.words import load_lexicon
from ..text.clitics import bare
from .context import Context, Found, first_word, trim
from .patterns import WHAT_SOURCES, cue_quote, headline_quote, named_subject, source_quote
from .speakers import (media_names, number_speakers, resolve_dropped_subjects, resolve_participle_subjects,
                       resolve_titles, same_source, unnamed_source)


WHICH = frozenset({"ما", "مما"})
MIN_COMMON_NOUN = 50  # corpus count of a word with ال for it to be a common noun


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
        if (cue is None or ctx.in_region(i) or subordinate(ctx, i) or in_source_phrase(ctx, i) or describes_noun(ctx, i)
                or negated(ctx, i) or what_indicates(ctx, i) or not starts_attribution(ctx, i, found)):
            continue
        q = cue_quote(ctx, i, cue, taken)
        if q is not None:
            cut_previous(ctx, i, found)
            add(q)
    for token in doc:
        if cues.source(token) and not ctx.in_region(token.i) and free_sentence(ctx, token.i, found):
            q = source_quote(ctx, token.i)
            if q is not None:  # «وبحسب مصادر، فإن …، وأشارت إلى …»: its content ends where a later clause's quote starts
                later = [p.cue[0] for p in found if p.cue and q.content[0] <= p.cue[0] < q.content[1]]
                if later:
                    q.content = trim(doc, q.content[0], max(q.content[0], connector_start(ctx, min(later))))
            add(q)
    found = [q for q in found if q.content[0] < q.content[1]]  # a later attribution may leave nothing
    found.sort(key=lambda q: q.cue[0] if q.cue else q.anchor)
    number_speakers(ctx, found)
    media_names(ctx, found)
    resolve_titles(ctx, found)
    resolve_participle_subjects(ctx, found)
    same = frozenset(id(q) for q in found if same_source(ctx, q))
    resolve_dropped_subjects(found, same, frozenset(id(q) for q in found if id(q) not in same and unnamed_source(ctx, q)))
    return found


def in_source_phrase(ctx: Context, i: int) -> bool:
    """The cue at ``i`` follows a source word and its links («حسب ما ذكرت», «وفقا لما أعلنه»), or
    is a noun right after one («حسب البلاغ»): the source pattern, not the cue, makes the quote."""
    k = i - 1
    while k >= 0 and ctx.doc[k].norm_ in ctx.cues.source_links:
        k -= 1
    cue = ctx.cues.cue(ctx.doc[i])
    noun = cue is not None and cue.kind == "noun"  # «وحسب البلاغ الصادر عن الشركة فإن»
    what = k == i - 1 and k >= 0 and ctx.cues.source(ctx.doc[k]) in WHAT_SOURCES  # «حسبما أكد»
    return (k < i - 1 or noun or what) and k >= 0 and ctx.cues.source(ctx.doc[k]) is not None


def what_indicates(ctx: Context, i: int) -> bool:
    """A present-tense cue right after «ما / مما» with no named subject («ما يشير إلى أن»، «مما
    يؤكد أن»: which indicates, which confirms): a fact that points to something, not a report."""
    doc = ctx.doc
    return (i > 0 and doc[i - 1].norm_ in WHICH and doc[i].norm_[:1] in ("ي", "ت")
            and not named_subject(ctx, first_word(ctx, i + 1, len(doc))))


def negated(ctx: Context, i: int) -> bool:
    """The cue at ``i`` is negated («ولم تكشف المصادر عن …»): nothing is reported."""
    return i > 0 and ctx.doc[i - 1].norm_ in ctx.cues.cue_negations


def subordinate(ctx: Context, i: int) -> bool:
    """The cue at ``i`` follows «بعد أن», «منذ أن»…: a time clause, not a report."""
    doc, cues = ctx.doc, ctx.cues
    return i >= 2 and doc[i - 1].norm_ in cues.complementizers and doc[i - 2].norm_ in cues.not_complementizer_after


def describes_noun(ctx: Context, i: int) -> bool:
    """The present-tense cue at ``i`` describes the indefinite common noun before it, a clause
    with no relative pronoun («قانون جديد يشدد على …»: the law is no source), unless that noun is
    a source noun, a plural source or a document («مصدر أمني يؤكد»، «تقرير يؤكد»), a name or a
    definite word."""
    doc, cues = ctx.doc, ctx.cues
    if i < 1 or not cues.strip_conjunction(doc[i].norm_).startswith(("ي", "ت")):
        return False
    k = i - 1
    while k > 0 and is_nisba_like(doc[k].norm_) and not doc[k].norm_.startswith("ال"):
        k -= 1  # «قانون جديد»: its adjectives
    prev = doc[k]
    norm = prev.norm_
    return (prev.is_alpha and not norm.startswith("ال") and not prev.ent_type and norm not in cues.anonymous
            and norm not in cues.plural_sources and bare(norm) not in cues.documents and cues.cue(prev) is None
            and norm not in cues.conjunctions and norm not in cues.connectors
            and load_lexicon().count("ال" + norm) >= MIN_COMMON_NOUN)


def is_nisba_like(norm: str) -> bool:
    """An indefinite adjective after a noun, as far as its form tells: a relational ending
    (أمني، عربي; shorter words too, unlike :func:`~.speakers.is_nisba`) or جديد."""
    return norm.endswith(("ي", "يه")) or norm in ("جديد", "جديده")


def starts_attribution(ctx: Context, i: int, found: list[Found]) -> bool:
    """A cue inside an earlier quote's content starts a new attribution only when it begins
    an independent clause (after و/ف, a comma or كما); otherwise it is part of the content."""
    if any(q.content[0] <= i < q.content[1] for q in found):
        return later_clause(ctx, i)
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
    """No quote already found has its cue, anchor or content in the sentence of token ``i``,
    except one whose cue starts a later clause with و / ف after ``i`` («…، وأشارت إلى …»)."""
    sent = ctx.sent_of[i]
    for q in found:
        if q.cue and q.cue[0] > i and q.content[0] > i and conjoined(ctx, q.cue[0]):
            continue
        points = [q.anchor, q.content[0]] + ([q.cue[0]] if q.cue else [])
        if any(ctx.sent_of[p] == sent for p in points if 0 <= p < len(ctx.doc)):
            return False
        if q.content[0] <= i < q.content[1]:
            return False
    return True


def later_clause(ctx: Context, i: int) -> bool:
    """The cue at ``i`` opens a clause of its own: after و/ف, a comma or كما."""
    token = ctx.doc[i]
    return ctx.doc[i - 1].norm_ in ctx.cues.connectors or ctx.cues.strip_conjunction(token.norm_) != token.norm_


def conjoined(ctx: Context, i: int) -> bool:
    """The cue at ``i`` carries و / ف or follows one (وأشارت، و أشارت)."""
    token = ctx.doc[i]
    return ctx.doc[i - 1].norm_ in ctx.cues.conjunctions or ctx.cues.strip_conjunction(token.norm_) != token.norm_
