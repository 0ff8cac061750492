"""The patterns that make a quote, each from one token of a ``Doc``:

- **cue + anchor** (:func:`cue_quote`): a reporting cue (verb, circumstantial participle or
  noun of the cue lexicon) followed in the same sentence by an anchor: a complementizer
  إن/أن/بأن (indirect speech: the content runs to the sentence end, or to the next independent
  attribution), a colon (direct speech to the end of the sentence, or inside the quotation
  marks that open right after it), or an opening quotation mark (direct speech inside the marks;
  to the sentence end when the mark never closes and follows a name);
- **quote first** (:func:`quote_before`): «…»، قال المتحدث — a closed quotation just before a cue
  that has no anchor;
- **noun-phrase content** (:func:`object_quote`): a verb of the lexicon's ``object_verbs`` with no
  anchor, its subject, then its object (نفى المتحدث الاتهامات) or the preposition that opens it
  (دعا الوزير إلى الحوار، أعلنت الشركة عن …), or a participle of ``object_participles`` right
  before it (واصفة المحاكمات، مشيرين إلى …): the content runs from there to the sentence end;
- **headline** (:func:`headline_quote`): ``X: statement`` at the start of a line, X a person or
  organization (a place there is a dateline, unless a first-person statement follows: «مصر: نرفض …»);
- **source** (:func:`source_quote`): بحسب / حسب / وفقا لـ / طبقا لـ / نقلا عن X, before the
  content (ending in a comma or فإن) or after it (content، بحسب X; without the comma when X
  ends the sentence and is named or a source noun).

Reads a :class:`~.context.Context`; returns :class:`~.context.Found` quotes.
"""
from __future__ import annotations

from ..lexicons.cues import MAX_GAP, WEEKDAYS, Cue, Cues
from ..lexicons.words import load_lexicon
from ..text.clitics import bare
from .context import OPENING, OPENING_MARKS, TRIM, Context, Found, first_word, first_word_or_mark, trim
from .speakers import (MAX_QUOTED_NAME, PERSON_TITLES, RELATIVES, anonymous_phrase, clause_subject, document_issuer, document_owner,
                       document_source, is_nisba, is_subject_word, medium_name, on_behalf_of, relayed_speaker, source_phrase,
                       speaker_before, speaker_between)

STRICT_GAP = 5  # the same for ambiguous cues (بين is also "between")
WHAT_SOURCES = frozenset({"حسبما", "بحسبما"})  # «حسبما أكد X»: حسب ما in one word
AFTER_SAID = frozenset({"به", "بها", "بهم", "عنه", "عنها", "فيه", "فيها"})  # «ما أفاد به X»
NUMBER_WORDS = frozenset({"اثنين", "اثنان", "ثلاثه", "اربعه", "خمسه", "احد", "احدي"})
LIST_WORDS = frozenset({"كالتالي", "يلي", "التالي", "التاليه", "كالاتي", "الاتي", "هي", "هو", "وهي"})  # «… كالتالي:»
MIN_UNCLOSED_WORDS = 3  # tokens after a quotation mark that never closes, for it to open a quote
MAX_DIRECT_GAP = 26  # tokens between a verb and a colon or quotation mark (a long title and apposition before it)
MAX_HEADLINE_SPEAKER = 6  # tokens before a headline's colon
MAX_SOURCE_PHRASE = 12  # tokens of a بحسب / وفقا لـ phrase
MIN_CONTENT_BEFORE_SOURCE = 3  # tokens of a sentence before a بحسب that ends it without a comma
RESPONSIBILITY = ("مسؤوليت", "مسئوليت")  # «مسؤوليته عن»: an object that keeps its preposition
MAX_OBJECT_SUBJECT = 8
MAX_OBJECT_AFTER_NAME = 4  # tokens between a named subject (after a long title) and the preposition
CLAUSE_OPENERS = frozenset({"اذ", "حيث", "فيما", "بينما", "مما", "كما", "لكن", "لكنه", "لكنها", "الا", "غير", "وسط",
                            "بعدما", "عندما", "ذلك"})
PRONOUN_OBJECTS = frozenset({"عنه", "عنها", "عنهم", "فيه", "فيها", "فيهم", "له", "لها", "لهم", "به", "بها", "بهم"})
MAX_ADVERBIAL = 7  # tokens of a prepositional phrase between commas before a direct object  # tokens between an object verb and the preposition that opens its content


def find_anchor(ctx: Context, i: int, cue: Cue) -> tuple[int, str] | None:
    """The first complementizer, colon or opening quotation mark after the cue at ``i``, within
    its sentence and gap limit (:data:`MAX_GAP`; for a verb's colon or quotation mark, or a
    complementizer after a comma when a name follows the verb, :data:`MAX_DIRECT_GAP`, as long as
    no other complementizer comes first) and before any other
    reporting verb or participle, as ``(index, kind)``; أن after a contrast word (``contrasts``: إلا أن، لأن …) is not the cue's. A
    noun cue (تصريح، بيان) other than a relay noun («عن X قوله:») and a ``complementizer_only`` verb
    (بين, also "between") take only a complementizer. A noun cue after في within the gap («قال X،
    مدير …، في تصريح لوكالة Y إن») says where the verb's words were said: the gap runs on from it."""
    doc, cues = ctx.doc, ctx.cues
    sent_end = ctx.sentence(i)[1]
    strict = cue.strict and not named_subject(ctx, i + 1)
    end = min(sent_end, i + 2 + (STRICT_GAP if strict else MAX_GAP))
    any_anchor = (cue.kind != "noun" or cue.lemma in cues.relay_nouns) and cue.lemma not in cues.complementizer_only
    direct_end = end if strict or cue.kind != "verb" else min(sent_end, i + 2 + MAX_DIRECT_GAP)
    j = i
    while j + 1 < max(end, direct_end):
        j += 1
        token = doc[j]
        other = cues.cue(token)
        if cue.kind == "verb" and other is not None and other.kind == "noun" and doc[j - 1].norm_ == "في":
            end = direct_end = min(sent_end, j + 2 + MAX_GAP)
        far = j >= end  # past the gap: only after a name in a long apposition (far_anchor)
        if other is not None and (far or (cue.kind == "verb" and other.lemma in cues.relay_nouns)):
            return None  # «نقلت الصحيفة عن X قوله، …:»: the relay noun's anchor, a far one another cue's
        if token.text == ":" and any_anchor and (not far or far_anchor(ctx, i, j)):
            return j, "colon"
        if (j in ctx.regions and any_anchor and (not far or far_anchor(ctx, i, j))
                and not (doc[j - 1].norm_ in cues.prepositions and doc[j - 1].norm_ not in cues.resumptive
                         and not doc[j - 1].ent_type)
                and doc[j - 1].norm_ not in cues.media
                and ends_clause(ctx, ctx.regions[j])):
            # «دون "…"», «في مجلة "…"» are noun phrases; «قال محمد علي "…"», «للصحيفة "…"» speech
            return j, "open"
        if (any_anchor and token.text in OPENING and j not in ctx.regions and j not in ctx.closes
                and j + MIN_UNCLOSED_WORDS < sent_end and named_before(ctx, j)):
            return j, "unclosed"  # «وقال نيلش ساماني "في الوقت …» and no closing mark: to the sentence end
        if far and token.norm_ in cues.complementizers:
            if (doc[j - 1].text in "،," and named_subject(ctx, first_word(ctx, i + 1, j))
                    and opens_clause(ctx, j)):
                return j, "comp"  # «وقال مات بروكس الذي عمل مع …، وصنع …، إن»: the clause resumes
            return None  # past the gap only a colon, a quotation mark or «، إن» after a named subject
        if (token.norm_ in cues.complementizers and doc[j - 1].norm_ not in cues.not_complementizer_after
                and doc[j - 1].norm_ not in cues.contrasts):
            if cue.kind == "noun" and ctx.in_region(j) and not ctx.in_region(i):
                continue  # «وأكد البيان "أن …"», «في بيان "أن …"»: the verb's quote, not the noun's
            if in_quoted_name(ctx, j) or token.ent_type:
                continue  # «شبكة "سي إن إن" إن», «شبكة سي إن إن إن»
            if token.norm_ == "ان" and j + 1 < len(doc) and doc[j + 1].norm_ == "لم":
                continue  # «إن لم تتراجع»: if not, a condition
            if doc[j - 1].norm_ == "الي" and "" in cues.object_preps(cue):
                continue  # «أعلنت تعليق الرحلات إلى أن تصبح …»: until, after a verb's direct object
            return j, "comp"
        if "\n" in token.text or (other is not None and other.kind in ("verb", "participle")):
            return None
    return None


def in_quoted_name(ctx: Context, j: int) -> bool:
    """Token ``j``, not the first word, lies inside a quotation of at most
    :data:`~.speakers.MAX_QUOTED_NAME` words that opens after a word other than a cue (a name:
    «شبكة "سي إن إن"», «قناة "بي إن سبورت"»)."""
    for k in range(j - 1, max(-1, j - MAX_QUOTED_NAME - 1), -1):
        close = ctx.regions.get(k)
        if close is not None and close > j:
            return (close - k <= MAX_QUOTED_NAME + 1 and j > k + 1 and k > 0 and ctx.doc[k - 1].is_alpha
                    and not ctx.cues.cue(ctx.doc[k - 1]))
    return False


def far_anchor(ctx: Context, i: int, j: int) -> bool:
    """A colon or quotation mark at ``j``, past the gap after the cue at ``i``, ends a long title
    and apposition: a person or organization is named between them, no «و / ف» clause starts
    after that name (but «وهو / وهي» describes it) («…، وجاءت التشكيلة كالتالي:» is a list) and no list word comes before it."""
    doc, cues = ctx.doc, ctx.cues
    names = ctx.entity_at(i + 1, j, ("PER", "ORG"))
    if not names or doc[j - 1].norm_ in LIST_WORDS:
        return False
    return not any(doc[k].norm_ in cues.conjunctions and doc[k + 1].norm_ not in ("هو", "هي")  # «…، وهي من المركز الطبي …»
                   for k in range(names[0].end, j))


def opens_clause(ctx: Context, j: int) -> bool:
    """The complementizer at ``j`` opens a clause: it carries its subject (إنه، أنها) or a noun
    follows it, not a verb (the conditional «إن لم تتراجع»، «إن استمر»)."""
    doc = ctx.doc
    if doc[j].norm_ not in ("ان", "بان"):
        return True
    k = first_word_or_mark(ctx, j + 1)
    return k < len(doc) and (doc[k].norm_.startswith("ال") or ctx.entity_starting(k) is not None
                             or k in ctx.regions or doc[k].like_num)


def named_before(ctx: Context, j: int) -> bool:
    """A person's name ends right before token ``j``."""
    return any(e.end == j and e.label_ == "PER" for e in ctx.entity_at(max(0, j - MAX_GAP), j))


def named_subject(ctx: Context, i: int) -> bool:
    """A subject starts at ``i``: an entity, a source noun (مصدر، المتحدث), a plural noun
    (متابعون) or a media noun (صحيفة "…"): a strict cue before it (ذكر, also "male") is a verb,
    whose anchor may be far."""
    if i >= len(ctx.doc):
        return False
    norm = ctx.doc[i].norm_
    return (ctx.entity_starting(i) is not None or norm in ctx.cues.anonymous or ctx.cues.is_plural_noun(norm)
            or bare(norm) in ctx.cues.media)


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
    if kind == "unclosed":
        return trim(doc, start, min(ctx.sentence(anchor)[1], ctx.line_end(start))), "direct"
    if kind == "colon":
        first = first_word_or_mark(ctx, start)
        if first in ctx.regions:
            return (first + 1, ctx.regions[first]), "direct"
        return trim(doc, start, min(ctx.sentence(anchor)[1], ctx.line_end(start))), "direct"
    bounds = trim(doc, start, min(ctx.sentence(anchor)[1], ctx.line_end(start)))
    if ctx.regions.get(bounds[0]) == bounds[1] - 1:  # «أن "…"»: all of it in quotation marks
        return (bounds[0] + 1, bounds[1] - 1), "direct"
    mixed = ctx.region_within(*bounds)
    return bounds, "mixed" if mixed else "indirect"


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
        elif cue.kind == "verb" and i + 1 < j and doc[i + 1].norm_ in ctx.cues.resumptive:
            # «فيديو يهدد فيه عناصر من التنظيم بـ», «أصدرت الوزارة بيانا قالت فيه»: the subject
            # after فيه, else the document's issuer, else none (a dropped subject)
            speaker = speaker_between(ctx, i + 2, j, False, after_verb=True) or document_issuer(ctx, i)
        else:
            # «نقلت وكالة X عن Y قوله», «أوضح بيان صادر عن X»: the speaker follows عن.
            subject = ctx.cues.cue(doc[first_word(ctx, i + 1, j)]) if i + 1 < j else None
            transmit = (cue.lemma in ctx.cues.transmit or (subject is not None and subject.kind == "noun")
                        or any(ctx.cues.lookup(doc[k], ctx.cues.relay_nouns) for k in range(i + 1, j)))
            speaker = speaker_between(ctx, i + 1, j, transmit, after_verb=cue.kind == "verb")
            if cue.kind == "verb" and not transmit and not named_person(ctx, speaker):
                speaker = clause_subject(ctx, i) or speaker
            if speaker is None and cue.kind == "noun":
                speaker = document_source(ctx, i, j)
            speaker = speaker or speaker_before(ctx, i)
        if speaker:
            found.speaker, found.speaker_is_entity = speaker
        return found
    if cue.kind == "participle":  # «واصفة المحاكمات بالهزلية», «مشيرين إلى انتشار …»
        return object_quote(ctx, i, cue, taken)
    if cue.kind != "verb":
        return None
    if cue.strict:  # طالب is also "student": only with its subject named, or after و / ف / a comma
        clause = i > 0 and (doc[i - 1].norm_ in ctx.cues.connectors or doc[i - 1].text in "،,")
        return object_quote(ctx, i, cue, taken, need_subject=not clause)
    return quote_before(ctx, i, cue, taken) or object_quote(ctx, i, cue, taken)


def object_quote(ctx: Context, i: int, cue: Cue, taken: set[int], need_subject: bool = False) -> Found | None:
    """«نفى المتحدث الاتهامات», «دعا الوزير إلى الحوار»: the content is the verb's object, after
    its subject or after the preposition the verb takes (also glued: «بإيقاف»); with no subject
    before it the subject is dropped (resolved later), unless ``need_subject``."""
    doc, cues = ctx.doc, ctx.cues
    preps = cues.object_preps(cue)
    if not preps:
        return None
    end = min(ctx.sentence(i)[1], ctx.line_end(i + 1))
    # a participle's subject is its sentence's (resolved later): its object comes right after it
    limit = min(end, i + 1 + (MAX_OBJECT_SUBJECT if cue.kind == "verb" else 1))
    person = next((e for e in ctx.entity_at(i + 1, end, ("PER",)) if e.start < limit), None) if cue.kind == "verb" else None
    if person is not None:  # «دعا الأمين العام لجامعة الدول العربية أحمد أبو الغيط القادة العرب إلى»
        limit = min(end, max(limit, person.end + MAX_OBJECT_AFTER_NAME))
        comma = next((k for k in range(person.end, min(end, person.end + MAX_GAP)) if doc[k].text in "،,"), None)
        if comma is not None and doc[person.end].norm_.startswith("ال"):  # «أعلن X المدير العام للبنك …، اليوم عن»
            limit = min(end, max(limit, comma + MAX_OBJECT_AFTER_NAME))
    opening = next((j for j in range(i + 1, limit) if opens_object(doc[j].norm_, preps)
                    and not (doc[j].norm_ in ("ل", "لل") and ctx.entity_starting(j + 1) is not None)), None)  # «الأمين العام لجامعة الدول العربية»
    claim = next((j for j in range(i + 1, limit) if is_claim(doc[j].norm_)), None) if "عن" in preps else None
    if claim is not None and (opening is None or claim <= opening + 1):
        opening = claim  # «أعلن التنظيم مسؤوليته عن …», «… المسؤولية عنه»: what it claimed, in the content
    speaker = None
    if opening is not None:
        start = opening + 1 if doc[opening].norm_ in preps else opening
        if opening > i + 1:  # a named or anonymous subject; plain nouns are the object («دعا الأطراف إلى»)
            head = first_word(ctx, i + 1, opening)
            ent = ctx.entity_starting(head, opening)
            if ent is not None and ent.label_ in ("ORG", "LOC"):  # «حذرت وزارة الدفاع الرئيس بشار الأسد من»
                speaker = (ent.start, ent.end), True
            elif institution_subject(ctx, cue, doc[head].norm_) and ctx.entity_starting(head + 1, opening) is None:
                speaker = agreeing_subject(ctx, i, cue, opening)
            else:
                speaker = speaker_between(ctx, i + 1, opening, False)
            if speaker and cue.gender == "m" and noun_gender(doc[speaker[0][0]].norm_) == "f" and (
                    not speaker[1] or bare(doc[speaker[0][0]].norm_) in cues.institutions):
                speaker = None  # «ودعا الحكومة إلى», «دعا منظمة حظر الأسلحة إلى»: after a masculine verb, its object
            speaker = speaker or agreeing_subject(ctx, i, cue, opening)
    elif "" in preps:
        start = i + 1
        relative = i > 0 and cues.strip_conjunction(doc[i - 1].norm_) in RELATIVES  # «النظام الذي ينفي الاتهامات»: no subject after
        subject = direct_subject(ctx, i + 1, limit, cue) if cue.kind == "verb" and not relative else None
        if subject is not None:
            speaker, start = subject
        bounds = direct_object(ctx, start, end)
        if bounds is None:
            return None
        start, end = bounds
    else:
        return None
    if cue.kind == "verb" and not named_person(ctx, speaker):
        speaker = clause_subject(ctx, i) or speaker  # «علي خامنئي اتهم الولايات المتحدة بـ»
    if speaker is None and cue.kind == "verb":
        speaker = speaker_before(ctx, i)  # «مصر تنفي تصريحات …»
    if need_subject and speaker is None:
        return None
    content = trim(doc, start, end)
    if (content[0] >= content[1] or content[0] in taken
            or not (doc[content[0]].is_alpha or doc[content[0]].text in OPENING_MARKS)):
        return None
    found = Found("indirect", content, (i, i + 1), cue.gender, anchor=content[0], cue_kind=cue.kind)
    if speaker:
        found.speaker, found.speaker_is_entity = speaker
    return found


def is_claim(norm: str) -> bool:
    """«مسؤوليته / المسؤولية»: what «أعلن … عن» claims, kept in the content."""
    return norm.startswith(RESPONSIBILITY) or norm in ("المسؤوليه", "المسئوليه")


def direct_object(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """Where a verb's direct object lies in ``start:end``: after a phrase set off by commas
    («واتهمت بريطانيا، في مجلس الأمن، روسيا بخرق …», «أعلنت الحكومة، الأحد، حظر التجول») and a
    time word («أعلن المرصد الخميس …»), up to a comma before a clause of its own («أعلنت القبض على
    14 شخصا، إذ أشارت …»); ``None`` when a pronoun after a preposition opens it (an object
    relative: «النتائج التي أعلن عنها المختبر»)."""
    doc, cues = ctx.doc, ctx.cues
    if start < end and doc[start].text in "،,":
        comma = next((k for k in range(start + 1, min(end, start + 1 + MAX_ADVERBIAL)) if doc[k].text in "،,"), None)
        after = doc[comma + 1].norm_ if comma is not None and comma + 1 < end else ""
        second = after in cues.prepositions or (after[:1] == "ب" and after[1:3] == "ال")  # «، شركات صرافة، بالوقوف»: the object
        start = comma + 1 if comma is not None and not second else start + 1
    if start < end and doc[start].norm_ in cues.prepositions and ctx.entity_starting(start + 1) is not None:
        comma = next((k for k in range(start + 1, min(end, start + 1 + MAX_ADVERBIAL)) if doc[k].text in "،,"), None)
        if comma is not None:  # «فند التحالف العربي لدعم الشرعية في اليمن، ما ورد …»: the rest of the subject
            start = comma + 1
    while start < end and is_date_word(cues, doc[start].norm_):
        start += 1
    if start >= end or doc[start].norm_ in PRONOUN_OBJECTS:
        return None
    for k in range(start + 1, end - 1):
        if doc[k].text in "،," and (opens_own_clause(cues, doc[k + 1].norm_) or reports_later(ctx, k + 1, end)):
            return start, k
    return start, end


def opens_own_clause(cues: Cues, norm: str) -> bool:
    """A word after a comma that opens a clause of its own (إذ، حيث، فيما، لكنها، وذلك …)."""
    return norm in CLAUSE_OPENERS or cues.strip_conjunction(norm) in CLAUSE_OPENERS


def reports_later(ctx: Context, k: int, end: int) -> bool:
    """A reporting verb, participle or source word follows at ``k`` before the next comma or
    ``end`` («أعلن ترامب انسحاب …، وفي يوم الاثنين قال وزير خارجيته إن …»): another statement."""
    doc, cues = ctx.doc, ctx.cues
    for j in range(k, end):
        if doc[j].text in "،,":
            return False
        cue = cues.cue(doc[j])
        if (cue is not None and cue.kind in ("verb", "participle")) or cues.source(doc[j]) is not None:
            return True
    return False


def is_date_word(cues: Cues, norm: str) -> bool:
    """A word that opens a time adverbial set off by commas («، اليوم السبت،»)."""
    return norm in cues.time_words or norm in WEEKDAYS or norm in ("اليوم", "امس")


def named_person(ctx: Context, speaker: tuple[tuple[int, int], bool] | None) -> bool:
    """``speaker`` is a person entity."""
    return speaker is not None and speaker[1] and any(
        e.start == speaker[0][0] and e.end == speaker[0][1] for e in ctx.entity_at(*speaker[0], ("PER",)))


def agreeing_subject(ctx: Context, i: int, cue: Cue, opening: int) -> tuple[tuple[int, int], bool] | None:
    """The subject between a verb and its preposition, a source with no entity: a definite
    noun that a feminine verb agrees with and up to two definite adjectives («وطالبت الرابطة
    بإيقاف …»), or a phrase headed by an institution noun of the verb's gender («واتهمت وزارة
    الداخلية المصرية جماعة …»، «وطالب مجلس الأمن بـ»; «دعا الحكومة إلى» has a dropped subject
    and its object)."""
    head = first_word(ctx, i + 1, opening)
    if 0 < opening - head <= 3 and ctx.doc[head].norm_.startswith("ال") and bare(ctx.doc[head].norm_) in ctx.cues.documents:
        end = head + 1  # «ودعا الإعلان الختامي إلى …»: a document speaks, with its adjectives (not «البيان موسكو»)
        while end < opening and ctx.doc[end].norm_.startswith("ال") and ctx.entity_starting(end) is None:
            end += 1
        return (head, end), False
    if (0 < opening - head <= 3 and feminine_subject(cue, ctx.doc[head].norm_)
            and all(t.is_alpha and t.norm_.startswith("ال") for t in ctx.doc[head + 1:opening])):
        return (head, opening), False  # with its adjectives: «وأعربت السيدة الأميركية الأولى عن»
    if head < opening and institution_subject(ctx, cue, ctx.doc[head].norm_):
        return anonymous_phrase(ctx, head, opening, any_noun=True), False
    return None


def noun_gender(norm: str) -> str:
    """The grammatical gender of a noun: feminine in ة (normalized ه) or a plural in ات."""
    return "f" if bare(norm).endswith(("ه", "ات")) else "m"


def institution_subject(ctx: Context, cue: Cue, norm: str) -> bool:
    """An institution noun (وزارة، مجلس) of the verb's gender: the verb's subject."""
    return bare(norm) in ctx.cues.institutions and cue.gender == noun_gender(norm)


def feminine_subject(cue: Cue, norm: str) -> bool:
    """A definite feminine noun (الرابطة، الوزارة) that a feminine verb agrees with."""
    return cue.gender == "f" and norm.startswith("ال") and norm.endswith("ه")


def opens_object(norm: str, preps: set[str]) -> bool:
    """A word that opens a verb's object: one of its prepositions, or a word with ب/ل glued to
    its article (بالإفراج، للحوار) when the verb takes ب/ل."""
    return norm in preps or (norm[:1] in preps and norm[1:3] == "ال" and len(norm) > 4) or (
        "ل" in preps and norm.startswith("لل") and len(norm) > 4)


def direct_subject(ctx: Context, start: int, limit: int, cue: Cue) -> tuple[tuple[tuple[int, int], bool], int] | None:
    """The subject right after a verb whose object follows it directly, and where the object
    starts: an entity that starts there; a person named within ``limit`` after a title
    («وفند الكاتب العام للنقابة فتحي الرويسي، ما …»); a source noun (المتحدث، مصدر), a plural
    noun (منتقدون), after a feminine verb a definite feminine noun (وفندت الوزارة), or an
    institution noun of the verb's gender with the noun it governs (واتهمت هيئة الرقابة), with
    the nisba adjectives that follow it (مصدر أمني) and «باسم X». The object is what follows: a
    plain definite word there is the object, not an adjective (ونفى المتحدث الاتهامات)."""
    doc, cues = ctx.doc, ctx.cues
    head = first_word(ctx, start, limit)
    if head >= limit:
        return None
    ents = ctx.entity_at(head, limit)
    if ents and ents[0].start == head:
        return ((ents[0].start, ents[0].end), True), ents[0].end
    norm = doc[head].norm_
    person = next((e for e in ents if e.label_ == "PER"), None)

    def apposed() -> tuple[tuple[tuple[int, int], bool], int]:  # the person; the object after a comma
        return ((person.start, person.end), True), person.end + (person.end < limit and doc[person.end].text in "،,")

    if person is not None and norm in cues.anonymous:  # «نفى المتحدث باسم الوزارة، أحمد زيد، …»: the person
        return apposed()
    if is_subject_word(ctx, head, limit) and (cues.is_plural_noun(norm) or norm in cues.anonymous
                                              or feminine_subject(cue, norm) or institution_subject(ctx, cue, norm)):
        starts = {e.start for e in ents}
        end = head + 1
        governs = institution_subject(ctx, cue, norm) or bare(norm) in PERSON_TITLES or norm in cues.anonymous
        while (not norm.startswith("ال") and end < min(limit, head + 3) and end not in starts and governs
               and doc[end].norm_.startswith("ال") and not is_nisba(doc[end].norm_) and cues.cue(doc[end]) is None):
            end += 1  # «هيئة الرقابة»، «رئيس الوزراء»، «مجلس شورى الحزب»: an indefinite head and the nouns it governs
        if not norm.startswith("ال") and norm in cues.plural_sources and end < limit and doc[end].is_alpha and end not in starts:
            end += 1  # «وسائل إعلام محلية»
        last = min(limit, end + 2)
        while end < last and end not in starts and is_nisba(doc[end].norm_):
            end += 1
        end = on_behalf_of(ctx, end, limit)
        return ((head, end), False), end
    if (person is not None and person.start - head <= 5
            and all(t.is_alpha or t.text in "،," for t in doc[head:person.start])):
        return apposed()
    return None


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
    content = trim(doc, colon + 1, min(ctx.sentence(colon)[1], ctx.line_end(colon)))  # a title " . " and the body
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


def source_head(ctx: Context, start: int, end: int) -> tuple[tuple[int, int], bool] | None:
    """The source that a phrase after بحسب / وفقا لـ at ``start`` names with its first word (after
    «ما + verb»): a person after a title or a number («بحسب وزير الخارجية أيمن الصفدي», «حسب اثنين
    من المسؤولين»), an entity, a document's owner («تقرير للبنك المركزي», «بيان ليفربول»), a
    medium's name, a source noun of ``plural_sources`` or an institution noun and its words
    («وزارة التجارة»); ``None`` when the first word is none of these («وفقا لمعايير الاتحاد
    الأوروبي», «بحسب تصنيف الفيفا», «حسب الحاجة», «حسب قوله»: in accordance with, not according to)."""
    doc, cues = ctx.doc, ctx.cues
    head = first_word(ctx, start, end)
    if head + 1 < end and (doc[head - 1].norm_ in ("ما", "لما") or doc[head - 1].norm_ in WHAT_SOURCES):
        head = first_word(ctx, head + 1, end)  # «بحسب ما أكدته صحيفة لوموند»: the verb, then its subject
        while head < end and doc[head].norm_ in AFTER_SAID:
            head += 1
    if head >= end:
        return None
    if (doc[head].like_num or doc[head].norm_ in NUMBER_WORDS or doc[head].norm_ in cues.anonymous
            or bare(doc[head].norm_) in PERSON_TITLES):  # «حسب اثنين من المسؤولين», «بحسب وزير الخارجية أيمن الصفدي»
        return speaker_between(ctx, head, end, True) or source_phrase(ctx, head, end)
    ent = ctx.entity_starting(head, end)
    if ent is not None and ent.label_ in ("PER", "ORG", "LOC"):
        return (ent.start, ent.end), True
    norm = bare(doc[head].norm_)
    if cues.lookup(doc[head], cues.relay_nouns):  # «بحسب قوله»: by his words, a dropped subject
        return None
    owned = document_owner(ctx, head, end)
    noun = cues.cue(doc[head])
    if owned or norm in cues.documents or (noun is not None and noun.kind == "noun"):
        after = ctx.entity_starting(head + 1, end)
        if owned is None and after is not None and after.label_ in ("PER", "ORG"):  # «بيان النادي الأهلي»
            return (after.start, after.end), True
        return owned or (anonymous_phrase(ctx, head, end, any_noun=True), False)
    medium = medium_name(ctx, head, end)
    if medium is not None:
        return (medium.start, medium.end), True  # «بحسب ما أكدته صحيفة لوموند», «حسب وكالة الأناضول»
    if norm in cues.plural_sources or norm in cues.institutions:  # «مصادر طبية», «وزارة التجارة»
        return anonymous_phrase(ctx, head, end, any_noun=True), False
    return None


def according_to(ctx: Context, j: int, end: int) -> bool:
    """The words at ``j`` after وفق name a source: «ما» and a reporting verb («وفق ما أكده X») or
    a document («وفق بلاغ صادر عن الوزارة»), not a rule («وفق القانون»، «وفق ما تقتضيه المصلحة»)."""
    doc, cues = ctx.doc, ctx.cues
    if j + 1 < end and doc[j].norm_ in ("ما", "لما"):
        return cues.is_verb(doc[j + 1], with_object=True)
    noun = cues.cue(doc[j]) if j < end else None
    return j < end and (bare(doc[j].norm_) in cues.documents or (noun is not None and noun.kind == "noun"))


def source_quote(ctx: Context, i: int) -> Found | None:
    """بحسب / وفقا لـ / نقلا عن X: content after the phrase (closed by a comma or فإن) or
    before it (content، بحسب X; «content بحسب X.» when X, named or a source noun, ends the
    sentence)."""
    doc, cues = ctx.doc, ctx.cues
    sent_start, sent_end = ctx.sentence(i)
    if i + 1 < sent_end and doc[i + 1].norm_ == "الله":  # «صلاح حسب الله»: a name, not «according to»
        return None
    if cues.source(doc[i]) == "وفق" and not according_to(ctx, i + 1, sent_end):
        return None  # «وفق القانون»، «وفق ما تقتضيه المصلحة»: in accordance with
    j = i + 1
    while j < sent_end and doc[j].norm_ in cues.source_links:  # وفقا لـ، نقلا عن، بحسب ما
        j += 1
    if (j < sent_end and cues.is_verb(doc[j], with_object=True)
            and (doc[j - 1].norm_ in cues.source_links or doc[j - 1].norm_ in WHAT_SOURCES)):  # بحسب ما ذكرت X، وفق ما أكده X، حسبما أفاد X
        j += 1
        while j < sent_end and doc[j].norm_ in AFTER_SAID:  # «حسب ما أفاد به مصدر أمني»
            j += 1
    phrase_end = next((k for k in range(j, min(sent_end, j + MAX_SOURCE_PHRASE))
                       if doc[k].text in "،,:" or doc[k].norm_ in ("فان", "ف")), None)
    comma = i - 2 if doc[i - 1].norm_ in cues.conjunctions else i - 1
    before_is_short = phrase_end is not None and comma - sent_start <= MIN_CONTENT_BEFORE_SOURCE
    if comma > sent_start and doc[comma].text in "،," and not before_is_short:  # content، بحسب X
        speaker = speaker_between(ctx, j, sent_end, True) or source_phrase(ctx, j, sent_end) or source_head(ctx, j, sent_end)
        content = trim(doc, sent_start, i)
    elif phrase_end is not None:
        speaker = (speaker_between(ctx, j, phrase_end, True) or source_phrase(ctx, j, phrase_end)
                   or source_head(ctx, j, phrase_end))
        start = phrase_end + 1 if doc[phrase_end].norm_ != "ف" else phrase_end
        start = first_word(ctx, start, sent_end)  # skips a split ف
        if start < sent_end and doc[start].norm_ in cues.complementizers:
            start += 1  # فإن
        content = trim(doc, start, sent_end)
    elif i - sent_start >= MIN_CONTENT_BEFORE_SOURCE and sent_end - j <= MAX_SOURCE_PHRASE:
        # «وارتفعت الأسعار بحسب تقرير للبنك المركزي.»: the phrase ends the sentence; a named,
        # source-noun or institution speaker only (not «حسب الحاجة»)
        speaker = source_head(ctx, j, sent_end)
        content = trim(doc, sent_start, i)
    else:
        return None
    if speaker is None or content[0] >= content[1]:
        return None
    found = Found("indirect", content, (i, i + 1), None, anchor=i)
    found.speaker, found.speaker_is_entity = speaker
    return found
