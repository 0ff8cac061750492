"""Who speaks: the speaker named after a cue, before it, in a source phrase or in a relay
(«نقلت وكالة X عن Y قوله»), and the speakers of quotes whose subject is dropped.

Speakers: the first person named between the cue and its anchor (a title in apposition
resolves to the person, not the organization); «نقلت وكالة X عن Y قوله» → Y; a cue said in a
document («أصدرت الوزارة بيانا قالت فيه», «وجاء في بيان للوزارة») → whoever issued it, or the
document (:func:`document_source`); else an anonymous
source noun (مصدر حكومي, المتحدث: a speaker with no entity); else an organization or place right
after the cue; else an entity just before the cue (subject–verb order). A sentence that opens
with its subject and then the verb («صحيفة لوموند الفرنسية أشارت») takes that subject over
anything but a person after the verb (:func:`clause_subject`). With none of these the
subject is dropped: the speaker is that of the closest preceding quote whose cue agrees in
gender (أضاف / أضافت / أضافوا).

Reads a :class:`~.context.Context`; sets the ``speaker`` of :class:`~.context.Found` quotes.
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span

from ..lexicons.descriptions import DESCRIPTIONS, PERSON_DESCRIPTIONS
from ..lexicons.words import load_lexicon
from ..text.clitics import bare
from .context import OPENING_MARKS, Context, Found, first_word, trim

MAX_COPULA_SUBJECT = 4  # tokens between كان and قد taken as a subject
MAX_SOURCE_SPEAKER = 6  # tokens of such a phrase taken as a speaker when it names no entity
TITLE_WINDOW = 10  # words before a person's name that can be the title a later speaker repeats
IN_TITLES = frozenset({"ل", "لل", "باسم"})  # prepositions inside a title: «رئيس الهيئة الوطنية لحماية …»
TITLE_ZONE = 12  # tokens before a name searched for the head of a later definite title (المتحدث)
PERSON_TITLES = frozenset(DESCRIPTIONS[d] for d in PERSON_DESCRIPTIONS)  # رئيس، مديرة … (without ال)
MAX_CONJUNCTS = 2  # definite words conjoined with و in a source phrase
MAX_ISSUE_GAP = 12  # tokens between a verb that issues a document and a cue said in it
MAX_INSTITUTION_WORDS = 4  # words of an untagged institution's name before «، التي أعلنت»
MAX_QUOTED_NAME = 4  # words of a name in quotation marks after a source noun (صحيفة "لوموند")
RELATIVES = frozenset({"الذي", "التي", "الذين"})
BUT = frozenset({"لكن", "ولكن"})  # may open a sentence before its subject
ISSUED = frozenset({"صادر", "الصادر", "صادره", "الصادره"})  # «بيان صادر عن X»
HAD_ALREADY = frozenset({"سبق", "سبقت"})  # «سبق له أن قال»: had already said
HAD_PRONOUNS = frozenset({"له", "لها", "لهم", "لهما"})
PLACE_NOUNS = frozenset({"مدينه", "ولايه", "محافظه", "منطقه", "بلده", "قريه", "جزيره", "اقليم", "مقاطعه"})
MIN_COMMON = 50  # corpus count of a word with ال for it to be a common noun, not a name
EPITHETS = frozenset({"الارهابي", "الارهابيه"})  # «تنظيم داعش الإرهابي»: the writer's word, not the name
SAME = frozenset({"ذاته", "ذاتها", "نفسه", "نفسها"})  # «المصدر ذاته»: the same source as before
SOURCE_NOUNS = frozenset({"مصدر", "مصادر"})


def anonymous_phrase(ctx: Context, i: int, end: int, any_noun: bool = False) -> tuple[int, int] | None:
    """An anonymous source phrase at token ``i`` («مصدر حكومي رفيع», «المتحدث»): a noun of the
    lexicon's ``anonymous`` list (any noun with ``any_noun``), a name in quotation marks right
    after it (شركة "إمكان"، وكالة «رويترز»: at most :data:`MAX_QUOTED_NAME` words), up to two
    following words and up to :data:`MAX_CONJUNCTS` definite words conjoined to them (وزارة الثقافة
    والإعلام، وزارة المرأة والأسرة والطفولة), stopping at
    a function word, another clitic, an entity or ``end``, and «باسم X» after them (المتحدث باسم
    الحكومة) or whom the source belongs to (:func:`attached_source`)."""
    doc, cues = ctx.doc, ctx.cues
    if i >= end or not (any_noun or doc[i].norm_ in cues.anonymous):
        return None
    j = i + 1
    close = quoted_name(ctx, j, end)
    if close is not None:  # «شركة "إمكان" العقارية»
        j = close + 1
    last = min(end, j + 2)
    conjuncts = 0
    while (j < end and doc[j].is_alpha and ctx.entity_starting(j) is None and doc[j].norm_ not in cues.speaker_stop
           and doc[j].norm_ not in cues.prepositions and doc[j].norm_ not in cues.complementizers
           and cues.cue(doc[j]) is None):
        if doc[j].norm_ in cues.conjunctions:  # «وزارة الثقافة والإعلام», «وزارة المرأة والأسرة والطفولة»
            if not (conjuncts < MAX_CONJUNCTS and j + 1 < end and doc[j + 1].is_alpha
                    and (doc[j + 1].norm_.startswith("ال") or doc[j + 1].norm_ in cues.anonymous)  # «محاميان ومصدر قضائي»
                    and ctx.entity_starting(j + 1) is None and cues.cue(doc[j + 1]) is None):
                break
            conjuncts, j, last = conjuncts + 1, j + 1, min(end, j + 3)  # the conjunct and its adjective
        elif (j >= last or not doc[j - 1].whitespace_ or doc[j].norm_ in EPITHETS
              or (j > i + 1 and doc[j].norm_.startswith("ال") and bare(doc[j].norm_) in PERSON_TITLES)  # «وزارة الدفاع الرئيس …»
              or (told_to(ctx, j) and not any(bare(t.norm_) in cues.institutions for t in doc[i:j]))
              or (after_definite(doc, j) and bare(doc[i].norm_) not in PERSON_TITLES)):
            break
        j += 1
    ent = ctx.entity_starting(j, end) if j == i + 1 else None
    if ent is not None and ent.label_ == "ORG" and (bare(doc[i].norm_) in PERSON_TITLES or doc[i].norm_ in cues.anonymous):
        j = ent.end  # «رئيس هيئة الحقيقة والكرامة», «مدير المرصد السوري لحقوق الإنسان», «مراسل الجزيرة»
    return i, located(ctx, i, attached_source(ctx, i, on_behalf_of(ctx, j, end), end), end)


def located(ctx: Context, head: int, j: int, limit: int) -> int:
    """Where a source phrase ends that goes on at ``j`` with the place it belongs to: «في / ب
    + a place» and its adjectives after an indefinite source noun or an institution («مسؤول محلي
    بمدينة الرقة السورية»، «السفارة الروسية في بريطانيا»), not after a person's title («قال
    الوزير في تونس»: where he spoke). ``j`` when none follows."""
    doc, cues = ctx.doc, ctx.cues
    norm = doc[head].norm_
    if j + 1 >= limit or not (bare(norm) in cues.institutions or (not norm.startswith("ال") and norm in cues.anonymous)):
        return j
    if doc[j].norm_ in ("في", "ب"):
        k = j + 1 + (doc[j + 1].norm_ in PLACE_NOUNS)  # «في ولاية سطيف»
    elif doc[j].norm_[:1] == "ب" and doc[j].norm_[1:] in PLACE_NOUNS:
        k = j + 1  # «بمدينة الرقة»
    else:
        return j
    place = ctx.entity_starting(k, limit) if k < limit else None
    if place is None or place.label_ != "LOC":
        return j
    k = place.end
    while k < min(limit, place.end + 2) and doc[k].norm_.startswith("ال") and is_nisba(doc[k].norm_):
        k += 1
    return k


def told_to(ctx: Context, j: int) -> bool:
    """Token ``j`` says whom the words were told to (للصحفيين، للحاضرين: ``audiences``; after an
    institution noun it is part of its name: «الاتحاد العام للصحفيين العرب»)."""
    norm = ctx.doc[j].norm_
    return norm.startswith("لل") and norm[2:] in ctx.cues.audiences


def after_definite(doc, j: int) -> bool:
    """Token ``j`` is a bare indefinite common noun after a definite word: no adjective of that
    noun (adjectives agree in definiteness), so the noun phrase has ended («أعلنت المملكة تعليق
    …»); not «ذاته» (المصدر ذاته), «غير» (المنظمة غير الحكومية), a word with a proclitic (لشركة،
    بمدينة) or a word the corpus seldom has with ال (a name: «الطبيبة سلوى الماجري»)."""
    prev, norm = doc[j - 1], doc[j].norm_
    return (prev.is_alpha and prev.norm_.startswith("ال") and not norm.startswith(("ال", "ل", "ب", "ك", "و", "ف"))
            and norm not in SAME and norm != "غير" and load_lexicon().count("ال" + norm) >= MIN_COMMON)


def attached_source(ctx: Context, head: int, j: int, limit: int) -> int:
    """Where a source phrase ends that goes on at ``j`` with whom the source belongs to: «ل X»
    after a document noun (تقرير لمنظمة العفو الدولية; after any other noun «ل X» is whom it
    was said to) and «من X» after مقرب (مصادر مقربة من الحكومة); X is an entity or one word,
    maybe in quotation marks. ``j`` when neither follows."""
    doc, cues = ctx.doc, ctx.cues
    if j + 1 >= limit:
        return j
    if not ((doc[j].norm_ in ("ل", "لل") and bare(doc[head].norm_) in cues.documents)
            or (doc[j].norm_ == "من" and doc[j - 1].norm_ in cues.close_to)):
        return j
    k = j + 1
    close = quoted_name(ctx, k, limit)
    if close is not None:  # ل"غوغل", its closing mark left out
        return close
    ent = ctx.entity_starting(k, limit)
    if ent is not None:
        return ent.end
    return k + 1 if doc[k].is_alpha or doc[k].text.startswith("#") else j


def quoted_name(ctx: Context, i: int, limit: int) -> int | None:
    """The closing mark of a quotation of at most :data:`MAX_QUOTED_NAME` words opening at
    ``i`` and closing before ``limit`` (a name: «"إمكان"»), or ``None``."""
    close = ctx.regions.get(i)
    return close if close is not None and close < limit and close - i <= MAX_QUOTED_NAME + 1 else None


def on_behalf_of(ctx: Context, i: int, limit: int) -> int:
    """Where «باسم X» after a source noun ends (المتحدث باسم الخارجية الروسية): after the entity
    that follows باسم, else after a word and up to two more with ال (باسم وزارة الخارجية المصرية);
    ``i`` when no باسم is there."""
    doc = ctx.doc
    if i >= limit or doc[i].norm_ != "باسم":
        return i
    ent = ctx.entity_starting(i + 1, limit)
    if ent is not None:
        return ent.end
    if i + 1 >= limit or not doc[i + 1].is_alpha:
        return i
    j = i + 2
    while j < min(limit, i + 4) and doc[j].norm_.startswith("ال"):
        j += 1
    return j


def speaker_between(ctx: Context, start: int, end: int, transmit: bool,
                    after_verb: bool = False) -> tuple[tuple[int, int], bool] | None:
    """The speaker named in ``start:end`` (after a cue) as ``(bounds, is_entity)``, or ``None``:
    the first person (one in quotation marks only when no other is: that is most often a
    company's name or a nickname), else a source phrase or an organization (below).

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
    persons = [e for e in persons if not ctx.regions.get(e.start - 1) == e.end] or persons  # «إدارة "مانوران" ريمي …»
    if persons:
        return (persons[0].start, persons[0].end), True
    head = first_word(ctx, start, end)
    owner = document_owner(ctx, head, end)
    if owner:
        return owner
    subject = cues.cue(doc[head]) if head < end else None
    anonymous = anonymous_phrase(ctx, head, end, any_noun=subject is not None and subject.kind == "noun")
    if anonymous:  # «مصدر حكومي»، «المتحدث», and a document noun: «وأكد البيان "…"»
        return anonymous, False
    if (head + 1 < end and doc[head].like_num and head == start and after_verb
            and cues.is_plural_noun(doc[head + 1].norm_)):  # «رجح 3 مسؤولين أميركيين أن»
        return (head, anonymous_phrase(ctx, head + 1, end, any_noun=True)[1]), False
    others = [e for e in ents if e.start == head or (e.label_ == "ORG" and not ctx.after_preposition(e) and not any(
        doc[k].norm_ in cues.prepositions for k in range(head, e.start)))]  # «التحالف الدولي لقتال تنظيم داعش»: its object
    if others:
        return (others[0].start, others[0].end), True
    if head in ctx.descriptions:  # «وقال الحلف إن»: a description of a named entity
        return (head, head + 1), True
    if after_verb and head == start and is_subject_word(ctx, head, end):
        return anonymous_phrase(ctx, head, end, any_noun=True), False
    return None


def document_owner(ctx: Context, head: int, end: int) -> tuple[tuple[int, int], bool] | None:
    """Whose document a source phrase at ``head`` names: X of «تقرير / بيان / دراسة لـ X» or
    «بيان صادر عن X» (an entity, also after a media or institution noun: «تقرير لوكالة رويترز» →
    رويترز; or an institution noun and the words after it: «بيان لوزارة الداخلية» → وزارة
    الداخلية), the source the document speaks for; ``None`` for any other phrase."""
    doc, cues = ctx.doc, ctx.cues
    norm = bare(doc[head].norm_) if head < end else ""
    if not (norm in cues.documents or (norm.endswith("ا") and norm[:-1] in cues.documents)):
        return None
    k = head + 1
    if k + 2 < end and doc[k].norm_ in ISSUED and doc[k + 1].norm_ == cues.from_preposition:
        k += 1  # «بيان صادر عن وزارة الخارجية»
    elif k + 1 >= end or doc[k].norm_ not in ("ل", "لل"):
        return None
    ent = ctx.entity_starting(k + 1, end) or (ctx.entity_starting(k + 2, end) if bare(doc[k + 1].norm_) in cues.institutions
                                              else medium_name(ctx, k + 1, end))
    if ent is not None:  # «تقرير لمنظمة العفو الدولية», «تقرير لوكالة رويترز», «بيان لحركة حماس»
        return (ent.start, ent.end), True
    if bare(doc[k + 1].norm_) in cues.institutions:
        return anonymous_phrase(ctx, k + 1, end, any_noun=True), False
    return None


def document_issuer(ctx: Context, i: int) -> tuple[tuple[int, int], bool] | None:
    """The source of a document issued before token ``i`` in its sentence, by a verb of
    ``issue_verbs`` at most :data:`MAX_ISSUE_GAP` tokens before it: its subject after it
    («أصدرت الوزارة بيانا قالت فيه», «نشرت السفارة تغريدات تقول فيها») or before it («الوكالة
    أصدرت بيانا أكدت فيه»)."""
    doc, cues = ctx.doc, ctx.cues
    sent_start = ctx.sentence(i)[0]
    for v in range(i - 1, max(sent_start, i - MAX_ISSUE_GAP) - 1, -1):
        if cues.lookup(doc[v], cues.issue_verbs):
            end = i  # the subject ends before the document noun («أصدرت الوزارة بيانا»)
            while end > v + 1 and (noun := cues.cue(doc[end - 1])) is not None and noun.kind == "noun":
                end -= 1
            return issuer_subject(ctx, v + 1, end) or speaker_before(ctx, v) or clause_subject(ctx, v)
        other = cues.cue(doc[v])
        if doc[v].text in "،,.:؛;" or (other is not None and other.kind != "noun"):  # «بيانا» is on the way
            return None
    return None


def issuer_subject(ctx: Context, start: int, end: int) -> tuple[tuple[int, int], bool] | None:
    """The subject after a verb that issues a document, before the document (its object): an
    entity, else a source word and the definite words after it («أصدرت المحكمة حكما» →
    المحكمة, «نشرت وزارة الخارجية الأمريكية بيانا»), never the object («الرئيس تغريدة»)."""
    head = first_word(ctx, start, end)
    if head >= end:
        return None
    persons = ctx.entity_at(head, end, ("PER",))
    if persons:  # «أصدر رئيس الوزراء العراقي مصطفى الكاظمي بيانا»
        return (persons[0].start, persons[0].end), True
    ent = ctx.entity_starting(head, end)
    if ent is not None:
        return (ent.start, ent.end), True
    medium = medium_name(ctx, head, end)
    if medium is not None:  # «ونشرت صحيفة نيويورك تايمز تقريرا»
        return (medium.start, medium.end), True
    if not is_subject_word(ctx, head, end):
        return None
    k = head + 1
    while k < end and ctx.doc[k].is_alpha and ctx.doc[k].norm_.startswith("ال") and ctx.entity_starting(k) is None:
        k += 1
    return (head, k), False


def document_source(ctx: Context, i: int, end: int) -> tuple[tuple[int, int], bool] | None:
    """The source of a noun cue at ``i`` that names none itself: after «جاء / ورد في», whose
    document it is («وجاء في بيان لوزارة الصحة أن» → وزارة الصحة, :func:`document_owner`) or the
    document («وجاء في البيان»); else whoever issued it (:func:`document_issuer`)."""
    doc, cues = ctx.doc, ctx.cues
    if i >= 2 and doc[i - 1].norm_ == "في" and cues.lookup(doc[i - 2], cues.found_in):
        return document_owner(ctx, i, end) or (anonymous_phrase(ctx, i, end, any_noun=True), False)
    return document_issuer(ctx, i)


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
            # «… منافسه ليونيل ميسي، قال:» — a name before a comma ends a phrase, it is no subject
            if not ctx.after_preposition(e) and ctx.doc[e.end].text not in "،,":
                return (e.start, e.end), True
    return (source_noun_before(ctx, cue, sent_start) or relative_antecedent(ctx, cue, sent_start)
            or copula_subject(ctx, cue, sent_start))


def source_noun_before(ctx: Context, cue: int, sent_start: int) -> tuple[tuple[int, int], bool] | None:
    """A source noun with ال and up to two words after it, right before the cue at the start
    of a clause («لكن المصادر قالت إن»، «والسلطات المحلية أعلنت أن»): the subject, a speaker
    with no entity."""
    doc, cues = ctx.doc, ctx.cues
    for start in range(cue - 1, max(sent_start, cue - 3) - 1, -1):
        norm = doc[start].norm_
        if not doc[start].is_alpha or norm in cues.prepositions or cues.cue(doc[start]) is not None:
            return None
        if norm.startswith("ال") and (norm in cues.anonymous or cues.is_plural_noun(norm) or bare(norm) in cues.institutions):
            before = start - 1
            if (start == first_word(ctx, sent_start, cue) or doc[before].text in "،,"
                    or doc[before].norm_ in cues.conjunctions or doc[before].norm_ in cues.connectors):
                return (start, cue), False
            return None
    return None


def clause_subject(ctx: Context, cue: int) -> tuple[tuple[int, int], bool] | None:
    """The subject of a sentence that opens with it and its verb, subject–verb order
    («علي خامنئي اتهم الولايات المتحدة بـ», «صحيفة أفغانستان تايمز وصفت الهجمات», after «لكن»
    too): a person or
    an organization that is all the words before the cue, else at most
    :data:`MAX_SOURCE_SPEAKER` words headed by an institution or source noun (صحيفة، وزارة،
    مصادر): the one person, organization or other name among them (صحيفة لوموند الفرنسية →
    لوموند), or the words, a speaker with no entity. Then what follows the verb is its object, not its
    subject."""
    doc, cues = ctx.doc, ctx.cues
    start = first_word(ctx, ctx.sentence(cue)[0], cue)
    if start < cue and doc[start].norm_ in BUT:  # «لكن وزارة الخارجية أصدرت»
        start = first_word(ctx, start + 1, cue)
    cue = before_had_already(ctx, start, cue)
    if (not 0 < cue - start <= MAX_SOURCE_SPEAKER or not all(t.is_alpha for t in doc[start:cue])
            or doc[cue - 1].norm_ in cues.conjunctions):  # «المعارضة رفضت العرض وقالت»: a verb before it
        return None
    for e in ctx.entity_at(start, cue, ("PER", "ORG")):
        if e.start == start and e.end == cue:
            return (start, cue), True
    head = doc[start].norm_
    if bare(head) in cues.institutions or head in cues.anonymous or cues.is_plural_noun(head):
        names = ctx.entity_at(start + 1, cue, ("PER", "ORG", "MISC"))
        if len(names) == 1:  # «صحيفة لوموند الفرنسية»: the name, its description kept apart
            return (names[0].start, names[0].end), True
        return (start, cue), False
    return None


def before_had_already(ctx: Context, start: int, cue: int) -> int:
    """Where the subject before the cue ends: before «سبق (له) أن» (had already: «الرئيس
    الأمريكي سبق له أن أكد»), else at the cue."""
    doc, k = ctx.doc, cue - 1
    if k > start and doc[k].norm_ in ctx.cues.complementizers:
        k -= 1 + (doc[k - 1].norm_ in HAD_PRONOUNS)
        if k >= start and doc[k].norm_ in HAD_ALREADY:
            return k
    return cue


def relative_antecedent(ctx: Context, cue: int, sent_start: int) -> tuple[tuple[int, int], bool] | None:
    """The person a relative pronoun right before the cue stands for: «حارس المرمى هوغو لوريس،
    والذي قال:» → هوغو لوريس."""
    doc = ctx.doc
    k = cue - 1
    if k < 1 or ctx.cues.strip_conjunction(doc[k].norm_) not in RELATIVES:
        return None
    k -= 1
    while k > sent_start and (doc[k].norm_ in ctx.cues.conjunctions or doc[k].text in "،,"):
        k -= 1
    for e in ctx.entity_at(sent_start, k + 1, ("PER", "ORG")):
        if e.end == k + 1:
            return (e.start, e.end), True
    head = k  # «وزارة الداخلية البحرينية، التي»: an institution noun and the definite words after it
    while head > max(sent_start, k - MAX_INSTITUTION_WORDS) and doc[head].is_alpha and doc[head].norm_.startswith("ال"):
        head -= 1
    heads = [h for h in range(head, k + 1) if doc[h].is_alpha and (
        bare(doc[h].norm_) in ctx.cues.institutions or doc[h].norm_ in ctx.cues.anonymous or doc[h].norm_ in DESCRIPTIONS)]
    if heads and doc[heads[0] - 1].norm_ not in ctx.cues.prepositions:  # «الحكومة العراقية، التي»
        return (heads[0], k + 1), False
    return None


def copula_subject(ctx: Context, cue: int, sent_start: int) -> tuple[tuple[int, int], bool] | None:
    """The noun phrase of «وكان المتحدث العسكري قد أكد أن» (كان + subject + قد + cue), as a
    speaker with no entity."""
    doc, cues = ctx.doc, ctx.cues
    if cue < 3 or doc[cue - 1].norm_ != "قد":
        return None
    for k in range(cue - 3, max(sent_start, cue - 3 - MAX_COPULA_SUBJECT) - 1, -1):
        if doc[k].norm_ in cues.copulas:
            if is_subject_word(ctx, k + 1, cue - 1):
                return trim(doc, k + 1, cue - 1), False  # «وكانت رابطة أمهات المختطفين، قد كشفت»
            return None
    return None


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


def agrees(gender: str | None, other: str | None) -> bool:
    """A dropped subject's verb agrees with an earlier cue. A plural verb also agrees with a
    masculine one: before its subject an Arabic verb stays singular (قال المعارضان … وأضافا)."""
    return gender is None or other is None or gender == other or (gender, other) == ("pl", "m")


def plural_head(ctx: Context, bounds: tuple[int, int]) -> bool:
    """The speaker phrase at ``bounds`` is headed by a plural noun (المحتجون، مصادر، «3
    مسؤولين أميركيين»): before its subject an Arabic verb stays singular (أكد المحتجون), so the
    noun, not the cue, says the number."""
    head = ctx.doc[bounds[0]]
    if head.like_num and bounds[1] - bounds[0] > 1:
        head = ctx.doc[bounds[0] + 1]
    return ctx.cues.is_plural_noun(head.norm_)


def number_speakers(ctx: Context, found: list[Found]) -> None:
    """A quote whose speaker is an unnamed group (يقول الناس، أكد المحتجون) is plural whatever its
    cue, so that a later «وأضاف» (singular) does not take that group as its subject."""
    for q in found:
        if q.speaker is not None and not q.speaker_is_entity and plural_head(ctx, q.speaker):
            q.gender = "pl"


def media_names(ctx: Context, found: list[Found]) -> None:
    """A speaker phrase headed by a media noun without ال (``media``: صحيفة، قناة، موقع، وكالة
    before a name) is the medium's name, the noun a title in apposition: the entity after the
    noun («وكالة رويترز»), else the words in quotation marks after it («موقع "سي نت"»), else, for
    a newspaper (``print_media``), the definite words after it («صحيفة العرب اللندنية»). Not an
    adjective («صحيفة محلية»، «موقع إخباري»), a common noun («وكالة الاستخبارات», «موقع الحادث»)
    or a news agency's name («وكالة الأنباء …», «وكالة أنباء …»)."""
    doc, cues = ctx.doc, ctx.cues
    for q in found:
        if q.speaker is None or q.speaker_is_entity:
            continue
        start, end = q.speaker
        k = start + 1
        if end - start < 2 or doc[start].norm_ not in cues.media or bare(doc[k].norm_) in cues.news_words:
            continue
        ent = medium_name(ctx, start, end)
        close = ctx.regions.get(k)
        if ent is not None and ent.label_ in ("ORG", "PER", "MISC"):
            q.speaker, q.speaker_is_entity = (ent.start, ent.end), True
        elif close is not None and close <= end:
            q.speaker = trim(doc, k + 1, close)
        elif doc[start].norm_ in cues.print_media and doc[k].norm_.startswith("ال") and not is_nisba(doc[k].norm_):
            q.speaker = trim(doc, k, end)  # «صحيفة العرب اللندنية»: a newspaper's name is definite words


def medium_name(ctx: Context, head: int, end: int) -> Span | None:
    """The entity right after a media noun at ``head`` (صحيفة، قناة، وكالة …, with or without ال;
    a quotation mark may open before it: «وكالة رويترز», «شبكة "سي إن إن"»), ending by ``end``."""
    doc = ctx.doc
    if head + 1 >= end or bare(doc[head].norm_) not in ctx.cues.media:
        return None
    return ctx.entity_starting(head + 1 + (doc[head + 1].text in OPENING_MARKS), end)


def is_nisba(norm: str) -> bool:
    """A relational adjective (أمني، الرسمي، العسكرية، الأمريكيين) that can follow a source noun."""
    word = bare(norm)
    return len(word) > 3 and word.endswith(("ي", "يه", "يين", "يون"))


def resolve_titles(ctx: Context, found: list[Found]) -> None:
    """A speaker that is only a title («وتابع رئيس الهيئة الوطنية أن»، «وأكد وزير الخارجية أن»)
    is the person last named after that title (:func:`titles_before_names`): the speaker becomes
    that mention."""
    doc = ctx.doc
    persons = [e for e in ctx.ents if e.label_ == "PER"]
    titles = titles_before_names(ctx, persons)
    ends = {e.start: e.end for e in persons}
    for q in found:
        if q.speaker is None or q.speaker_is_entity or ctx.cues.is_plural_noun(doc[q.speaker[0]].norm_):
            continue
        named = titles.get(tuple(t.norm_ for t in doc[q.speaker[0]:q.speaker[1]] if not t.is_punct), [])
        k = bisect_right(named, q.speaker[0] - 1) - 1  # the last name before the speaker
        if k >= 0:
            q.speaker, q.speaker_is_entity = (named[k], ends[named[k]]), True
        elif (person := titled_before(ctx, persons, q.speaker)) is not None:
            q.speaker, q.speaker_is_entity = (person.start, person.end), True


def titled_before(ctx: Context, persons: list[Span], speaker: tuple[int, int]) -> Span | None:
    """The person last named before a definite title of several words («المتحدث باسم قوات التحالف»
    after «وقال المتحدث باسم تحالف دعم الشرعية …، العقيد الركن تركي المالكي») whose own title
    (:func:`title_zone`) holds the speaker's head noun, its adjective when one follows the head
    («الرئيس الأمريكي» is not the last «الرئيس الفرنسي») and a word of whom it speaks for (after
    باسم: «المتحدث باسم الحرس الوطني» is not the ministry's). One word («الوزير») is left to the
    mention clusters."""
    doc = ctx.doc
    head = doc[speaker[0]].norm_
    if speaker[1] - speaker[0] < 2 or not head.startswith("ال") or bare(head) not in PERSON_TITLES:
        return None
    nxt = speaker[0] + 1
    adjective = bare(doc[nxt].norm_) if is_nisba(doc[nxt].norm_) else None
    behalf = {bare(t.norm_) for t in doc[nxt + 1:speaker[1]] if t.is_alpha} if doc[nxt].norm_ == "باسم" else set()
    said = {bare(t.norm_) for t in doc[speaker[0]:speaker[1]]}
    for k in range(bisect_right([e.start for e in persons], speaker[0] - 1) - 1, -1, -1):
        title = title_zone(ctx, persons, k)
        zone = {bare(t.norm_) for t in title}
        heads = [n for n, t in enumerate(title) if bare(t.norm_) == bare(head)]
        # the noun that title's head governs must be said too: «رئيس الوزراء» is not «الرئيس العراقي»
        governed = title[heads[0] + 1] if heads and heads[0] + 1 < len(title) else None
        if governed is not None and not (governed.norm_.startswith("ال") and (
                not is_nisba(governed.norm_) or bare(governed.norm_) in ctx.cues.institutions)):  # الداخلية، الخارجية
            governed = None
        if (heads and (adjective is None or adjective in zone) and (not behalf or behalf & zone)
                and (governed is None or bare(governed.norm_) in said)):
            return persons[k]
    return None


def title_zone(ctx: Context, persons: list[Span], k: int) -> list:
    """The words of the ``k``-th person's own title (:func:`title_start`), up to
    :data:`TITLE_ZONE` tokens before the name and after the person before it, in text order."""
    e = persons[k]
    first = title_start(ctx, e.start, max(e.start - TITLE_ZONE, persons[k - 1].end if k > 0 else 0))
    return [t for t in ctx.doc[first:e.start] if t.is_alpha]


def title_start(ctx: Context, name: int, first: int) -> int:
    """Where the title of the name at token ``name`` starts, searching back to ``first`` within
    the sentence: after a reporting cue or a preposition (other than ل and باسم, :data:`IN_TITLES`)
    whose object is no name («ورد الوزير على
    سؤال النائب محمد»: «سؤال النائب»; «المتحدث باسم التحالف في اليمن، العقيد X» goes on past «في
    اليمن»)."""
    first = max(first, ctx.sentence(name)[0])
    for i in range(name - 1, first - 1, -1):
        token = ctx.doc[i]
        if ctx.cues.cue(token) is not None or (
                token.norm_ in ctx.cues.prepositions and token.norm_ not in IN_TITLES and ctx.entity_starting(i + 1) is None):
            return i + 1
    return first


def titles_before_names(ctx: Context, persons: list[Span]) -> dict[tuple[str, ...], list[int]]:
    """Every run of words that stands as a title before a person's name, within
    :data:`TITLE_WINDOW` words of its sentence, with nothing but words up to the name (a comma may
    end them: «قال رئيس الهيئة الوطنية لحماية المعطيات الشخصية، شوقي قداس إن» gives «رئيس»,
    «رئيس الهيئة», … «الشخصية»), mapped to the starts of the names it precedes, in text order."""
    doc, titles = ctx.doc, {}
    for e in persons:
        first = title_start(ctx, e.start, e.start - TITLE_WINDOW)
        stop = e.start - (e.start > first and doc[e.start - 1].text in "،,")
        words = stop
        while words > first and doc[words - 1].is_alpha:
            words -= 1
        norms = [t.norm_ for t in doc[first:stop]]
        for i in range(first, stop):
            for j in range(max(i + 1, words), stop + 1):
                if all(doc[k].is_alpha for k in range(i, j)):
                    titles.setdefault(tuple(norms[i - first:j - first]), []).append(e.start)
    return titles


def resolve_participle_subjects(ctx: Context, found: list[Found]) -> None:
    """A circumstantial participle (مؤكدا، مشيرا) with no speaker shares the subject of its
    sentence: the speaker of an earlier quote in the sentence, else the first person or
    organization of the sentence before it that does not follow a preposition. So does a verb
    with a dropped subject inside a sentence («تقديم رئيس الوزراء بنيامين نتنياهو لوثائق، قال
    إنها»، «للمخرج أحمد عامر، الذي التقته القناة وقال:»), from the names before the sentence's
    first comma; one that opens its sentence («وأضاف أن») follows the chain of speakers
    (:func:`resolve_dropped_subjects`)."""
    for k, q in enumerate(found):
        if q.speaker is not None or q.cue_kind not in ("participle", "verb") or q.cue is None:
            continue
        if q.cue_kind == "verb" and first_word(ctx, ctx.sentence(q.cue[0])[0], q.cue[0]) == q.cue[0]:
            continue
        sent = ctx.sent_of[q.cue[0]]
        earlier = [p for p in found[:k] if p.speaker is not None and p.cue and ctx.sent_of[p.cue[0]] == sent]
        if earlier:  # «وقالت فاطمة إن …، مشيرة إلى …»: the same speaker, whose gender the verb said
            q.speaker, q.speaker_is_entity = earlier[-1].speaker, earlier[-1].speaker_is_entity
            q.gender = earlier[-1].gender or q.gender
            continue
        start, end = ctx.sentence(q.cue[0])[0], q.cue[0]
        if q.cue_kind == "verb":  # its subject is named before the sentence's first comma
            end = next((k for k in range(start, end) if ctx.doc[k].text in "،,"), end)
        subjects = [e for e in ctx.entity_at(start, end, ("PER", "ORG")) if not ctx.after_preposition(e)]
        subjects.sort(key=lambda e: e.label_ != "PER")  # a person first («وزير الداخلية الإيطالي ماتيو سالفيني»)
        if subjects:
            q.speaker, q.speaker_is_entity = (subjects[0].start, subjects[0].end), True


def resolve_dropped_subjects(found: list[Found], same: frozenset[int] = frozenset(),
                             sources: frozenset[int] = frozenset()) -> None:
    """A quote with no speaker takes the speaker of the closest preceding quote whose cue agrees
    in gender, passing over quotes nested in another quote's content (the words of someone the
    speaker quotes: «لكنه يخشى أن يقول الناس …»، وقال: …). So does a quote whose ``id`` is in
    ``same`` (its speaker is «the same source»: :func:`same_source`), from the quotes of unnamed
    sources (``sources``: مصدر أمني) when there are any before it."""
    nested = nested_quotes(found)
    for k, q in enumerate(found):
        if q.speaker is not None and id(q) not in same:
            continue
        earlier = found[:k]
        if id(q) in same:
            earlier = [p for p in earlier if id(p) in sources] or earlier
        for prev in reversed(earlier):
            if prev.speaker is not None and id(prev) not in nested and agrees(q.gender, prev.gender):
                q.speaker, q.speaker_is_entity = prev.speaker, prev.speaker_is_entity
                q.gender = q.gender or prev.gender
                break


def unnamed_source(ctx: Context, q: Found) -> bool:
    """The speaker of ``q`` is an unnamed source: an indefinite source phrase (مصدر أمني، مصادر
    مطلعة، شهود، خبراء، مسؤولون), not a definite title («الوزير»: someone named before)."""
    if q.speaker is None or q.speaker_is_entity:
        return False
    norm = ctx.doc[q.speaker[0]].norm_
    return not norm.startswith("ال") and (norm in ctx.cues.anonymous or ctx.cues.is_plural_noun(norm))


def same_source(ctx: Context, q: Found) -> bool:
    """The speaker of ``q`` is «the same source» («المصدر ذاته»، «نفس المصدر»، «المصادر نفسها»):
    it refers back to an earlier speaker."""
    if q.speaker is None or q.speaker_is_entity or q.speaker[1] - q.speaker[0] != 2:
        return False
    first, second = ctx.doc[q.speaker[0]].norm_, ctx.doc[q.speaker[0] + 1].norm_
    return (bare(first) in SOURCE_NOUNS and second in SAME) or (first in ("ذات", "نفس") and bare(second) in SOURCE_NOUNS)


def nested_quotes(found: list[Found]) -> set[int]:
    """The ``id`` of each quote whose cue (or anchor) lies inside another quote's content, in
    O(n log n): a quote's own content never holds its own cue."""
    spans = sorted(q.content for q in found)
    starts = [a for a, _ in spans]
    reach, furthest = [], -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)  # the furthest end of the contents starting here or before
    nested = set()
    for q in found:
        point = (q.cue or (q.anchor,))[0]
        k = bisect_right(starts, point) - 1
        if k >= 0 and reach[k] > point:
            nested.add(id(q))
    return nested
