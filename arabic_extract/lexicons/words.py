"""Word frequencies of Arabic news, used to decide whether a proclitic is split and how common
a word is.

``data/wordfreq.tsv.gz`` holds normalized words and their counts in the ANT news corpus (built
by ``scripts/build_lexicon.py``); ``data/never_split.txt`` lists words that begin with a
proclitic letter but are single words (كما، والي، كمال …), in normalized spelling
(:func:`arabic_extract.text.normalize.normalize`), like every lexicon here.

Reads and writes no ``Doc``.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache

from . import DATA_DIR, read_list

MIN_COUNT = 5  # a stem must be seen this often to count as a word
MAX_RATIO = 20  # ... and at least 1/MAX_RATIO as often as the word with its clitic (واضاف 10,192 : اضاف 547)
FREQUENT = 1000  # a two-letter stem must be this frequent (قد، لا، لم)


@dataclass(frozen=True)
class Lexicon:
    counts: dict[str, int]
    never_split: frozenset[str]
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
    return Lexicon(counts, frozenset(read_list(DATA_DIR / "never_split.txt")))
