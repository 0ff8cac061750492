"""Word frequencies of Arabic news, used to decide whether a proclitic is split.

``data/wordfreq.tsv.gz`` holds normalized words and their counts in the ANT
news corpus (built by ``scripts/build_lexicon.py``); ``data/never_split.txt``
lists words that begin with a proclitic letter but are single words
(كما، والي، كمال …).
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import normalize

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


def _data(name: str):
    return resources.files("arabic_extract").joinpath("data", name)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    counts: dict[str, int] = {}
    with gzip.open(_data("wordfreq.tsv.gz").open("rb"), "rt", encoding="utf-8") as f:
        for line in f:
            word, _, n = line.rstrip("\n").partition("\t")
            counts[word] = int(n)
    lines = _data("never_split.txt").read_text(encoding="utf-8").splitlines()
    never = frozenset(normalize(w.strip()).text for w in lines if w.strip() and not w.startswith("#"))
    return Lexicon(counts, never)
