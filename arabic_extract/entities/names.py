"""Names the statistical model missed: speakers it did not know, and repeats of names it found.

The ``arabic_names`` component runs after NER and before ``arabic_clusters``. It adds PER
entities only where no entity is, for *name-like* words (:func:`is_name_like`: not definite,
rare in news, never seen with the article, not a function word):

- **speaker slot**: the words right after a reporting verb, when an anchor follows them
  (complementizer, colon, source word, preposition): «وأكد ستولينبيرج أن», «وأضاف ستوليبنبيرج
  بحسب بيان»;
- **apposition**: the words right before the complementizer of a reporting verb, after a title
  or an entity: «قال الأمين العام لحلف شمال الأطلنطى (ناتو) يانس ستولينبيرج إن»;
- **full names**: a known first name (``data/first_names.tsv``, words that begin person names
  in news, built by ``scripts/build_first_names.py``) followed by name parts: «وزير الطاقة
  فهد العمري»;
- **repetition**: a name the model tagged once (or a speaker found above) is tagged wherever
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

from collections import Counter, defaultdict

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicons.cues import MAX_GAP, Cues, load_cues
from ..lexicons.descriptions import DESCRIPTIONS
from ..lexicons.names import load_first_names
from ..lexicons.words import Lexicon, load_lexicon
from ..text.clitics import bare, strip_clitics

MAX_NAME_TOKENS = 3
SPEAKER_END = frozenset([":", "،", ",", "-", "ـ", "–", "«", '"', "“", "„", "'"])
MAX_NAME_COUNT = 200  # a word seen more often in news is a known word, not an unknown name
MAX_FAMILY_COUNT = 20  # ... and a definite word that is not a nisba (-ي) must be rarer still
DEFINITE_SHARE = 10  # ... and so is one seen with ال at least 1/DEFINITE_SHARE as often as without
ADVERB_STEM_SHARE = 5  # ضمنا is an adverb because ضمن is this many times more frequent
FUZZY_MIN_RATIO = 85  # rapidfuzz ratio (0-100) for two spellings of one name word
FUZZY_MIN_CHARS = 6
MIN_NAME_CHARS = 3
COMMON_MIN_COUNT = 20  # a word seen this often both with and without ال ...
COMMON_SHARE = 5  # ... the rarer form at least 1/COMMON_SHARE of the other, is a common noun


def is_name_like(token, lexicon: Lexicon, cues: Cues) -> bool:
    """``token`` can be (part of) a person's name the model has not learned: an Arabic word of
    three letters or more, not definite, not an adverb (:func:`is_adverb`), not a cue, function word or
    honorific (سموه) of the quote lexicon, seen at most :data:`MAX_NAME_COUNT` times in the news corpus and rarely
    with the article."""
    norm = token.norm_
    if not token.is_alpha or len(norm) < 3 or norm.startswith("ال") or is_adverb(norm, lexicon):
        return False
    if (norm in cues.speaker_stop or norm in cues.prepositions or norm in cues.complementizers
            or norm in cues.anonymous or norm in cues.honorifics or cues.cue(token) is not None or cues.source(token) is not None):
        return False
    count = lexicon.count(norm)
    return count <= MAX_NAME_COUNT and lexicon.count("ال" + norm) * DEFINITE_SHARE <= count


def is_adverb(norm: str, lexicon: Lexicon) -> bool:
    """An adverb in -ا (tanween): a nisba in -يا (رسميا، هاتفيا) or a frequent word plus ا
    (ضمن → ضمنا). Names in -ا (ماريانا، أنجيلا) are neither."""
    if not norm.endswith("ا"):
        return False
    return norm.endswith("يا") or lexicon.count(norm[:-1]) >= ADVERB_STEM_SHARE * max(lexicon.count(norm), 1)


class NameFinder:
    def __init__(self, lexicon: Lexicon, cues: Cues, first_names: frozenset[str] = frozenset()):
        self.lexicon, self.cues, self.first_names = lexicon, cues, first_names
        self.verbs = frozenset(form for form, cue in cues.cues.items() if cue.kind == "verb")

    def name_part(self, token) -> bool:
        """A word that can follow a first name in a full name: a name-like word, another
        first name, or a definite family name."""
        return token.norm_ in self.first_names or self.name_like(token) or self.is_family_name(token)

    def full_names(self, doc: Doc, norms: list[str], taken: set[int]) -> list[Span]:
        """Untagged runs of a first name and one to three name parts (فهد العمري)."""
        found = []
        i = 0
        while i < len(doc):
            if i in taken or norms[i] not in self.first_names:
                i += 1
                continue
            j = i + 1
            while j < len(doc) and j - i < MAX_NAME_TOKENS + 1 and j not in taken and self.name_part(doc[j]):
                j += 1
            if j > i + 1:
                found.append(Span(doc, i, j, label="PER"))
                taken.update(range(i, j))
            i = j
        return found

    def name_like(self, token) -> bool:
        return is_name_like(token, self.lexicon, self.cues)

    def is_common_noun(self, word: str) -> bool:
        """A word (without ال) that news uses freely with and without the article (مدينة،
        اتفاق), unlike names (مصر، الفاتيكان, and ناتو beside الناتو): one tagged word of it
        is not a name to repeat."""
        counts = sorted((self.lexicon.count(word), self.lexicon.count("ال" + word)))
        return counts[0] >= COMMON_MIN_COUNT and counts[0] * COMMON_SHARE >= counts[1]

    def is_function_word(self, norm: str) -> bool:
        """A preposition, complementizer or other function word of the quote lexicon (علي is
        also على once normalized): one tagged word of it is not a name to repeat."""
        cues = self.cues
        return norm in cues.prepositions or norm in cues.complementizers or norm in cues.speaker_stop

    def is_anchor(self, token) -> bool:
        """A word that can follow a speaker's name: complementizer, colon, comma, dash,
        opening quotation mark, source word or preposition."""
        cues, norm = self.cues, token.norm_
        return (token.text in SPEAKER_END or norm in cues.complementizers or norm in cues.prepositions
                or norm in cues.speaker_stop or cues.source(token) is not None)

    def speaker_slot(self, doc: Doc, i: int, taken: set[int]) -> tuple[int, int] | None:
        """Name-like words right after the reporting verb at ``i``, followed by an anchor; or
        any word and a definite family name there (وأوضحت ليلى الحسيني أن)."""
        j = i + 1
        while j < len(doc) and j - i <= MAX_NAME_TOKENS and j not in taken and self.name_like(doc[j]):
            j += 1
        if j > i + 1 and j < len(doc) and self.is_anchor(doc[j]):
            return i + 1, j
        k = i + 1
        if (k + 2 < len(doc) and not taken.intersection((k, k + 1)) and self.is_given_name(doc[k])
                and self.is_family_name(doc[k + 1]) and self.is_anchor(doc[k + 2])):
            return k, k + 2
        return None

    def is_given_name(self, token) -> bool:
        """A word that may begin a name before a family name: not definite, not a function
        word, cue or anonymous-source noun (وقالت ليلى …, not وقال مصدر …)."""
        norm, cues = token.norm_, self.cues
        return (token.is_alpha and len(norm) >= 3 and not norm.startswith("ال") and norm not in cues.speaker_stop
                and norm not in cues.prepositions and norm not in cues.anonymous and norm not in cues.honorifics
                and cues.cue(token) is None)

    def is_family_name(self, token) -> bool:
        """A definite family name: a rare nisba (الحسيني) or a very rare definite word."""
        norm = token.norm_
        if not (token.is_alpha and norm.startswith("ال") and len(norm) > 4) or self.cues.cue(token) is not None:
            return False
        return self.lexicon.count(norm) <= (MAX_NAME_COUNT if norm.endswith("ي") else MAX_FAMILY_COUNT)

    def apposition(self, doc: Doc, i: int, taken: set[int], ent_ends: set[int]) -> tuple[int, int] | None:
        """Name-like words right before the complementizer of the reporting verb at ``i``,
        after a closing bracket, an entity or a definite word (a title)."""
        sent_end = doc[i].sent.end if doc.has_annotation("SENT_START") else len(doc)
        for k in range(i + 2, min(sent_end, i + 2 + MAX_GAP)):
            token = doc[k]
            if token.norm_ in self.cues.complementizers or token.text == ":":
                break
            if self.cues.is_verb(token) or "\n" in token.text:
                return None
        else:
            return None
        start = k
        while start > i + 1 and k - start < MAX_NAME_TOKENS and start - 1 not in taken and self.name_like(doc[start - 1]):
            start -= 1
        if start == k or start == i + 1:
            return None
        before = doc[start - 1]
        if before.text in (")", "(") or start in ent_ends or before.norm_.startswith("ال"):
            return start, k
        return None

    def __call__(self, doc: Doc) -> Doc:
        taken = {t for e in doc.ents for t in range(e.start, e.end)}
        ent_ends = {e.end for e in doc.ents}
        norms = [t.norm_ for t in doc]
        found: list[Span] = []
        for i, norm in enumerate(norms):
            if norm not in self.verbs and self.cues.strip_conjunction(norm) not in self.verbs:
                continue
            for bounds in (self.speaker_slot(doc, i, taken), self.apposition(doc, i, taken, ent_ends)):
                if bounds:
                    found.append(Span(doc, *bounds, label="PER"))
                    taken.update(range(*bounds))
        found += self.full_names(doc, norms, taken)
        ents = relabel(self.persons_by_word(sorted(list(doc.ents) + found, key=lambda e: e.start)))
        doc.ents = filter_spans(ents + self.repetitions(doc, norms, ents))  # a longer repeat replaces what it contains
        return doc

    def persons_by_word(self, ents: list[Span]) -> list[Span]:
        """A non-person entity made only of name-like words, one of them a word of a person
        tagged in the document, is that person (يانس ستولينبيرج ORG beside ستولينبيرج PER)."""
        person_words = {t.norm_ for e in ents if e.label_ == "PER" for t in e}
        out = []
        for e in ents:
            words = strip_clitics(e)
            if (e.label_ != "PER" and any(t.norm_ in person_words for t in words)
                    and all(self.name_like(t) for t in words)):
                e = Span(e.doc, e.start, e.end, label="PER")
            out.append(e)
        return out

    def repetitions(self, doc: Doc, norms: list[str], ents: list[Span]) -> list[Span]:
        """Untagged occurrences of the names of ``ents`` (compared without clitics and ال),
        with the label the name has most often; for persons also a name-like word of the
        name alone or in a close spelling. A longer name may take in a shorter entity
        inside it (حلف شمال [الأطلنطى] → حلف شمال الأطلنطى)."""
        labels: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        person_words: set[str] = set()
        for e in ents:
            name = key(e)
            if name and not (len(name) == 1 and (len(name[0]) < MIN_NAME_CHARS or is_description(e[-1])
                                                 or self.is_common_noun(name[0]) or self.is_function_word(name[0]))):
                labels[name][e.label_] += 1
            if e.label_ == "PER":
                person_words.update(t.norm_ for t in e if self.name_like(t))
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
                    len(norm) >= FUZZY_MIN_CHARS and long_words and self.name_like(doc[i])
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


@Language.factory("arabic_names", default_config={"cues_path": None, "first_names_path": None})
def make_name_finder(nlp: Language, name: str, cues_path: str | None, first_names_path: str | None):
    """The ``arabic_names`` component; the paths replace the shipped cue lexicon and first names."""
    return NameFinder(load_lexicon(), load_cues(cues_path) if cues_path else load_cues(),
                      load_first_names(first_names_path))
