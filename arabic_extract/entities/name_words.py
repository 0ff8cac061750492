"""Which words can be (part of) a person's name that the model has not learned, judged by their
form and by how news uses them (:mod:`arabic_extract.lexicons.words`): name-like words,
adverbs, given and family names, common nouns, function words, and the words that can follow a
speaker's name.

Reads tokens (``norm_``, ``is_alpha``, ``text``); writes nothing.
"""
from __future__ import annotations

from ..lexicons.cues import Cues
from ..lexicons.words import Lexicon

SPEAKER_END = frozenset([":", "،", ",", "-", "ـ", "–", "«", '"', "“", "„", "'"])
MAX_NAME_COUNT = 200  # a word seen more often in news is a known word, not an unknown name
MAX_FAMILY_COUNT = 20  # ... and a definite word that is not a nisba (-ي) must be rarer still
DEFINITE_SHARE = 10  # ... and so is one seen with ال at least 1/DEFINITE_SHARE as often as without
ADVERB_STEM_SHARE = 5  # ضمنا is an adverb because ضمن is this many times more frequent
COMMON_MIN_COUNT = 20  # a word seen this often both with and without ال ...
COMMON_SHARE = 5  # ... the rarer form at least 1/COMMON_SHARE of the other, is a common noun


def is_name_like(token, lexicon: Lexicon, cues: Cues) -> bool:
    """``token`` can be (part of) a person's name the model has not learned: an Arabic word of
    three letters or more, not definite, not an adverb (:func:`is_adverb`), not a cue, function word or
    honorific (سموه) of the quote lexicon, no circumstantial participle (:func:`is_participle`), seen at most :data:`MAX_NAME_COUNT` times in the news corpus and rarely
    with the article."""
    norm = token.norm_
    if not token.is_alpha or len(norm) < 3 or norm.startswith("ال") or is_adverb(norm, lexicon) or is_participle(norm):
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


def is_participle(norm: str) -> bool:
    """A circumstantial participle of a derived verb in -ا (مقدما، معربا، مؤكدا: م, three
    consonants, ا), which no name is (ماريا، مونيكا، ميرنا have a long vowel inside)."""
    return len(norm) == 5 and norm[0] == "م" and norm[-1] == "ا" and not set(norm[1:4]) & set("اوي")


class NameWords:
    """The word classes of names, over the shipped lexicons."""

    def __init__(self, lexicon: Lexicon, cues: Cues, first_names: frozenset[str] = frozenset()):
        self.lexicon, self.cues, self.first_names = lexicon, cues, first_names

    def name_part(self, token) -> bool:
        """A word that can follow a first name in a full name: a name-like word, another
        first name, or a definite family name."""
        return token.norm_ in self.first_names or self.name_like(token) or self.is_family_name(token)

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

    def is_given_name(self, token) -> bool:
        """A word that may begin a name before a family name: not definite, not a function
        word, cue, anonymous-source noun or participle (وقالت ليلى …, not وقال مصدر …, وأضاف
        مقدما التعازي …)."""
        norm, cues = token.norm_, self.cues
        return (token.is_alpha and len(norm) >= 3 and not norm.startswith("ال") and norm not in cues.speaker_stop
                and norm not in cues.prepositions and norm not in cues.anonymous and norm not in cues.honorifics
                and cues.cue(token) is None and not is_participle(norm))

    def is_family_name(self, token) -> bool:
        """A definite family name: a rare nisba (الحسيني) or a very rare definite word."""
        norm = token.norm_
        if not (token.is_alpha and norm.startswith("ال") and len(norm) > 4) or self.cues.cue(token) is not None:
            return False
        return self.lexicon.count(norm) <= (MAX_NAME_COUNT if norm.endswith("ي") else MAX_FAMILY_COUNT)
