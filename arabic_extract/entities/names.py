"""Names the statistical model missed: speakers it did not know, and repeats of names it found.

The ``arabic_names`` component runs after NER and before ``arabic_clusters``. It first puts
in the organization names the news corpus knows whole (:mod:`.org_names`: «حزب العدالة
والتنمية» for a tagged «حزب العدالة»). It adds PER
entities only where no entity is, for *name-like* words (:func:`.name_words.is_name_like`: not definite,
rare in news, never seen with the article, not a function word):

- **speaker slot**: the words right after a reporting verb, when an anchor follows them
  (complementizer, colon, source word, preposition): «وأكد ستولينبيرج أن», «وأضاف ستوليبنبيرج
  بحسب بيان»;
- **apposition**: the words right before the complementizer of a reporting verb, after a title
  or an entity: «قال الأمين العام لحلف شمال الأطلنطى (ناتو) يانس ستولينبيرج إن»;
- **full names**: a known first name (``data/first_names.tsv``, words that begin person names
  in news, built by ``scripts/build_first_names.py``) followed by name parts: «وزير الطاقة
  فهد العمري»;
- **repetition** (:mod:`.repeats`): a name the model tagged once (or a speaker found above) is tagged wherever
  else it occurs in the document, with the label it has most often («بعثة الناتو» after «الناتو»;
  one-word names that are common nouns, such as مدينة, are not repeated);
  for a person, also a name-like word of the name alone and close spellings of it (rapidfuzz ratio
  on the normalized form): «ستوليبنبيرج» after «يانس ستولينبيرج»;
- **one label per name**: an entity whose name the document tags with another label at least
  twice as often takes that label (ناتو LOC beside الناتو ORG).

News foreign names are often transliterated anew in each outlet, so a word model sees most of
them for the first time; these contexts name them anyway.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicons.cues import MAX_GAP, WEEKDAYS, Cues, load_cues
from ..lexicons.names import load_first_names, load_org_names
from ..lexicons.words import Lexicon, load_lexicon
from .name_words import NameWords
from .org_names import OrgNames, known_organizations
from .repeats import persons_by_word, relabel, repetitions

MAX_NAME_TOKENS = 3
MAX_SURNAME_COUNT = 300  # corpus count above which a word after a name is no family name the tagger missed
GROUP_NOUN = "تنظيم"  # «تنظيم داعش»
NOT_NAME_ENDINGS = ("ه", "ها", "هم", "هما", "نا", "وا")  # a pronoun suffix or a plural verb: «تنظيم دورتها»، «أطلقوا»
DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين"})
MIN_NAME_COUNT = 20  # corpus count of a word after تنظيم for it to be a known name
MAX_QUOTED_NAME = 4  # words of an organization's name in quotation marks after an institution noun
OPENING_MARKS, CLOSING_MARKS = '"«“', '"»”'
COMPLEMENTIZERS = frozenset({"أن", "بأن", "لأن", "أنه", "أنها"})  # as written: «إن» is also in «سي إن إن»


def quoted_names(doc: Doc, norms: list[str], cues: Cues, taken: set[int]) -> list[Span]:
    """Untagged words in quotation marks right after an institution noun (``cues.institutions``,
    without ال), at most :data:`MAX_QUOTED_NAME` words: an organization's name, with its noun and
    marks («حركة "حسم"»، «جامعة «المنار»»), or without them after a media noun, a title before
    the name («صحيفة "الشروق"»), and after تنظيم («تنظيم "داعش"»)."""
    found = []
    for i in range(len(doc) - 3):
        if ((norms[i] not in cues.institutions and norms[i] != GROUP_NOUN) or norms[i] in cues.documents
                or doc[i + 1].text not in OPENING_MARKS or i in taken):  # «بيان "نرفض …"» is a quotation
            continue
        close = next((k for k in range(i + 2, min(len(doc), i + 3 + MAX_QUOTED_NAME)) if doc[k].text in CLOSING_MARKS), None)
        if (close is not None and close > i + 2 and all(t.is_alpha for t in doc[i + 2:close])
                and not taken.intersection(range(i + 2, close))):
            start, end = (i + 2, close) if norms[i] in cues.media or norms[i] == GROUP_NOUN else (i, close + 1)
            found.append(Span(doc, start, end, label="ORG"))
            taken.update(range(start, end))
    return found


def named_groups(doc: Doc, norms: list[str], lexicon: Lexicon, taken: set[int]) -> list[Span]:
    """«تنظيم + a name» (تنظيم داعش): an organization, when the word after تنظيم never takes ال in
    the corpus (a name) and the document tags it nowhere alone (then the repeats tag it here);
    «تنظيم انتخابات» (holding elections) is no name."""
    found = []
    tagged = {norms[e.start] for e in doc.ents if len(e) == 1}  # a name tagged elsewhere is repeated there
    for i in range(len(doc) - 1):
        j = i + 1
        if (norms[i] == GROUP_NOUN and norms[j] not in tagged and not norms[j].endswith(NOT_NAME_ENDINGS)
                and norms[j] not in DEMONSTRATIVES and doc[j].is_alpha and len(norms[j]) > 2
                and not norms[j].startswith("ال") and not taken.intersection((i, j))
                and lexicon.count(norms[j]) >= MIN_NAME_COUNT and lexicon.count("ال" + norms[j]) == 0):
            found.append(Span(doc, i, j + 1, label="ORG"))
            taken.update((i, j))
    return found


def given_name_ali(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name after «علي» written with ي takes it as its first name («قال علي مراد أكبري»),
    where the document writes the preposition «على» with ى (normalized, the two are one word)."""
    if "على" not in doc.text:
        return ents
    ends = {e.end for e in ents}
    out = []
    for e in ents:
        k = e.start - 1
        if e.label_ == "PER" and k >= 0 and doc[k].text == "علي" and k not in ends:
            e = Span(doc, k, e.end, label="PER")
        out.append(e)
    return out


def cut_at_breaks(doc: Doc, norms: list[str]) -> list[Span]:
    """``doc.ents``, each cut before a word no name holds past its first word: a complementizer,
    or a weekday after a definite word («الاتحاد الجمعة أن سانيه» → «الاتحاد»; «جوهرة أف أم أن» →
    «جوهرة أف أم»; «سوق الخميس» stays)."""
    ents = []
    for e in doc.ents:
        end = next((k for k in range(e.start + 1, e.end)
                    if doc[k].text in COMPLEMENTIZERS or (norms[k] in WEEKDAYS and norms[k - 1].startswith("ال"))), e.end)
        ents.append(e if end == e.end else Span(doc, e.start, end, label=e.label_))
    return ents


class NameFinder:
    """The ``arabic_names`` component: finds the names, then applies :mod:`.repeats`."""

    def __init__(self, lexicon: Lexicon, cues: Cues, first_names: frozenset[str] = frozenset(),
                 org_names: OrgNames | None = None):
        self.cues = cues
        self.org_names = org_names or {}
        self.words = NameWords(lexicon, cues, first_names)
        self.verbs = frozenset(form for form, cue in cues.cues.items() if cue.kind == "verb")

    def speaker_slot(self, doc: Doc, i: int, taken: set[int], surnames: frozenset[str] = frozenset()
                     ) -> tuple[int, int] | None:
        """Name-like words right after the reporting verb at ``i``, followed by an anchor; or
        any word and a definite family name there (وأوضحت ليلى الحسيني أن); or the last word of
        a person's name found in the document (``surnames``: without ال, or a family name), even a
        common word («شوقي قداس» … «وأوضح قداس ضيف برنامج …»; not «الاتحاد» of a mistagged
        «سامر الاتحاد»)."""
        j = i + 1
        if j < len(doc) and j not in taken and doc[j].norm_ in surnames:
            return j, j + 1
        while j < len(doc) and j - i <= MAX_NAME_TOKENS and j not in taken and self.words.name_like(doc[j]):
            j += 1
        if j > i + 1 and j < len(doc) and self.words.is_anchor(doc[j]):
            return i + 1, j
        k = i + 1
        if (k + 2 < len(doc) and not taken.intersection((k, k + 1)) and self.words.is_given_name(doc[k])
                and self.words.is_family_name(doc[k + 1]) and self.words.is_anchor(doc[k + 2])):
            return k, k + 2
        return None

    def apposition(self, doc: Doc, i: int, taken: set[int], ent_ends: set[int],
                   sent_ends: list[int]) -> tuple[int, int] | None:
        """Name-like words right before the complementizer of the reporting verb at ``i``,
        after a closing bracket, an entity or a definite word (a title); or, after a comma, a
        name-like word and any word that can stand in a name (قال رئيس الهيئة، شوقي قداس إن)."""
        for k in range(i + 2, min(sent_ends[i], i + 2 + MAX_GAP)):
            token = doc[k]
            if token.norm_ in self.cues.complementizers or token.text == ":":
                break
            if self.cues.is_verb(token) or "\n" in token.text:
                return None
        else:
            return None
        start = k
        while start > i + 1 and k - start < MAX_NAME_TOKENS and start - 1 not in taken and self.words.name_like(doc[start - 1]):
            start -= 1
        if start == k and k - 3 > i and doc[k - 3].text in "،," and not taken.intersection((k - 2, k - 1)) \
                and self.words.name_like(doc[k - 2]) and self.words.is_given_name(doc[k - 1]):
            return k - 2, k  # «…، شوقي قداس إن»: a given name and any surname after a comma
        if start == k or start == i + 1:
            return None
        before = doc[start - 1]
        if before.text in (")", "(") or start in ent_ends or before.norm_.startswith("ال"):
            return start, k
        return None

    def full_names(self, doc: Doc, norms: list[str], taken: set[int]) -> list[Span]:
        """Untagged runs of a first name and one to three name parts (فهد العمري)."""
        found = []
        i = 0
        while i < len(doc):
            if i in taken or norms[i] not in self.words.first_names:
                i += 1
                continue
            j = i + 1
            while j < len(doc) and j - i < MAX_NAME_TOKENS + 1 and j not in taken and self.words.name_part(doc[j]):
                j += 1
            if j > i + 1:
                found.append(Span(doc, i, j, label="PER"))
                taken.update(range(i, j))
            i = j
        return found

    def __call__(self, doc: Doc) -> Doc:
        norms = [t.norm_ for t in doc]
        doc.ents = cut_at_breaks(doc, norms)
        doc.ents = known_organizations(doc, self.org_names, norms)
        taken = {t for e in doc.ents for t in range(e.start, e.end)}
        ent_ends = {e.end for e in doc.ents}
        sent_ends = [len(doc)] * len(doc)  # where the sentence of each token ends
        if doc.has_annotation("SENT_START"):
            for sent in doc.sents:
                sent_ends[sent.start:sent.end] = [sent.end] * len(sent)
        found: list[Span] = []
        surnames = frozenset(e[-1].norm_ for e in doc.ents if e.label_ == "PER" and len(e) > 1
                             and (not e[-1].norm_.startswith("ال") or self.words.is_family_name(e[-1])))
        for i, norm in enumerate(norms):
            if norm not in self.verbs and self.cues.strip_conjunction(norm) not in self.verbs:
                continue
            for bounds in (self.speaker_slot(doc, i, taken, surnames),
                           self.apposition(doc, i, taken, ent_ends, sent_ends)):
                if bounds:
                    found.append(Span(doc, *bounds, label="PER"))
                    taken.update(range(*bounds))
        found += self.full_names(doc, norms, taken)
        found += quoted_names(doc, norms, self.cues, taken)
        found += named_groups(doc, norms, self.words.lexicon, taken)
        ents = relabel(persons_by_word(sorted(list(doc.ents) + found, key=lambda e: e.start), self.words))
        ents = filter_spans(ents + repetitions(doc, norms, ents, self.words))  # a longer repeat replaces what it contains
        doc.ents = self.surname_after(doc, norms, given_name_ali(doc, ents))
        return doc

    def surname_after(self, doc: Doc, norms: list[str], ents: list[Span]) -> list[Span]:
        """A person right after a reporting verb takes the word between it and the verb's
        complementizer, colon or quotation mark when that word is a rare word the corpus never
        has with ال (a family name the tagger left out: «وقال عثمان متوليا إن»; not «أيضا»، «أمس»)."""
        cues, lexicon, out = self.cues, self.words.lexicon, []
        starts = {e.start for e in ents}
        for e in ents:
            k = e.end
            if (e.label_ == "PER" and e.start > 0 and k + 1 < len(doc) and k not in starts
                    and (norms[e.start - 1] in self.verbs or cues.strip_conjunction(norms[e.start - 1]) in self.verbs)
                    and doc[k].is_alpha and len(norms[k]) >= 3 and not norms[k].startswith("ال")
                    and norms[k] not in cues.speaker_stop and norms[k] not in cues.prepositions
                    and norms[k] not in cues.time_words and norms[k] not in cues.anonymous and cues.cue(doc[k]) is None
                    and lexicon.count(norms[k]) < MAX_SURNAME_COUNT and lexicon.count("ال" + norms[k]) < 3
                    and (norms[k + 1] in cues.complementizers or doc[k + 1].text == ":" or doc[k + 1].text in OPENING_MARKS)):
                e = Span(doc, e.start, k + 1, label="PER")
            out.append(e)
        return out


@Language.factory("arabic_names", default_config={"cues_path": None, "first_names_path": None,
                                                  "org_names_path": None})
def make_name_finder(nlp: Language, name: str, cues_path: str | None, first_names_path: str | None,
                     org_names_path: str | None):
    """The ``arabic_names`` component; the paths replace the shipped cue lexicon, first names
    and organization names."""
    return NameFinder(load_lexicon(), load_cues(cues_path) if cues_path else load_cues(),
                      load_first_names(first_names_path), load_org_names(org_names_path))
