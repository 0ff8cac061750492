"""Word frequencies of Arabic news, used to decide whether a proclitic is split and how common
a word is.

``data/wordfreq.tsv.gz`` holds normalized words and their counts in the ANT news corpus (built
by ``scripts/build_lexicon.py``); words that begin with a proclitic letter but are single words:
``data/never_split.txt`` (كما، والي، كمال …, by hand) and ``data/name_words.tsv`` (names such as
كيري، كروس, built from the corpus by ``scripts/build_name_words.py``); ``data/ya_nouns.txt``, the
nouns beginning with ي that a preposition can govern (بيوم، بيده). All in normalized spelling
(:func:`arabic_extract.text.normalize.normalize`), like every lexicon here.

Reads and writes no ``Doc``.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache

from . import DATA_DIR, read_list
from .names import load_first_names

MIN_COUNT = 5  # a stem must be seen this often to count as a word
MAX_RATIO = 20  # ... and at least 1/MAX_RATIO as often as the word with its clitic (واضاف 10,192 : اضاف 547)
FREQUENT = 1000  # a two-letter stem must be this frequent (قد، لا، لم)


@dataclass(frozen=True)
class Lexicon:
    counts: dict[str, int]
    never_split: frozenset[str]
    ya_nouns: frozenset[str] = frozenset()  # nouns beginning with ي; other ي- stems read as verbs
    min_count: int = MIN_COUNT
    max_ratio: int = MAX_RATIO
    frequent: int = FREQUENT

    def count(self, word: str) -> int:
        """Corpus count of a normalized word (0 when unknown)."""
        return self.counts.get(word, 0)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    counts: dict[str, int] = {}
    with gzip.open(DATA_DIR / "wordfreq.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            word, _, n = line.rstrip("\n").partition("\t")
            counts[word] = int(n)
    names = (line.split("\t", 1)[0] for line in read_list(DATA_DIR / "name_words.tsv"))
    never_split = frozenset(read_list(DATA_DIR / "never_split.txt")) | frozenset(names)
    return Lexicon(counts, never_split, frozenset(read_list(DATA_DIR / "ya_nouns.txt")) | load_first_names())
