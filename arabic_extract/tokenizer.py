"""Tokenization of Arabic news text into a spaCy ``Doc``.

The text is normalized (:mod:`arabic_extract.normalize`), cut into tokens on the
normalized view, and every token is mapped back to the original string, so
``doc.text`` is always the caller's text and each token's ``norm_`` holds its
normalized form. Attached proclitics (و ف ب ل ك لل) are split off when what
remains is a known word (:mod:`arabic_extract.lexicon`).
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from .lexicon import Lexicon, load_lexicon
from .normalize import normalize

AR_LETTER = "\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF"
AR_MARK = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640"
LATIN = "A-Za-z\u00C0-\u024F"

_PATTERNS = [
    # URLs and e-mail addresses, without trailing punctuation.
    r"(?:https?://|www\.)[^\s<>\"«»]*[^\s<>\"«».,;:!?،؛؟)\]'’]",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    # Hashtags and handles.
    r"[#@][\w]+",
    # Agency abbreviations: (أ ش أ), (د ب أ), (أ ف ب).
    rf"\((?:[{AR_LETTER}] ){{1,3}}[{AR_LETTER}]\)",
    # Numbers, dates and times: 6.3, 1,000, 5ر7, 2021/07/01, 10:43.
    r"\d+(?:(?:[.,:/ر]|-(?=\d))\d+)*",
    # Latin abbreviations and words.
    rf"(?:[{LATIN}]\.){{2,}}|[{LATIN}]+(?:['’-][{LATIN}]+)*",
    # Arabic words (marks allowed, for texts tokenized with some folds off).
    rf"[{AR_LETTER}][{AR_LETTER}{AR_MARK}]*",
    # Words in other scripts.
    r"[^\W\d_]+",
    # Anything else, one character at a time.
    r"\S",
]
TOKEN_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
ARABIC_WORD_RE = re.compile(rf"[{AR_LETTER}]+")

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
CLITICS = frozenset(CONJUNCTIONS + PREPOSITIONS + ("لل",))


def is_split_clitic(token) -> bool:
    """True for a proclitic token that the tokenizer split from the word after it."""
    return not token.whitespace_ and token.norm_ in CLITICS and token.i + 1 < len(token.doc)


def strip_clitics(span):
    """``span`` without split proclitics at its edges (an entity never includes them)."""
    start, end = span.start, span.end
    while start < end - 1 and is_split_clitic(span.doc[start]):
        start += 1
    while end > start + 1 and is_split_clitic(span.doc[end - 1]):
        end -= 1
    return span if (start, end) == (span.start, span.end) else Span(span.doc, start, end, label=span.label)


def proclitic_splits(word: str) -> Iterator[tuple[list[str], str, str]]:
    """All ways to read a normalized word as proclitics + stem.

    Yields ``(clitics, stem, lookup)``: the clitic strings in order, the stem as
    written, and the stem's dictionary form (``لل`` + X is ل + ال + X, so its
    lookup form is ``ال`` + X).
    """
    for conj in ("",) + CONJUNCTIONS:
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj):]
        if conj:
            yield [conj], rest, rest
        if rest.startswith("لل"):
            yield [c for c in (conj, "لل") if c], rest[2:], "ال" + rest[2:]
        for prep in PREPOSITIONS:
            if rest.startswith(prep):
                yield [c for c in (conj, prep) if c], rest[1:], rest[1:]


def split_proclitics(word: str, lexicon: Lexicon) -> tuple[list[str], str, str]:
    """Split attached proclitics from a normalized Arabic word.

    A split is taken only when the stem is a known word (seen ``lexicon.min_count``
    times) at least as frequent as the whole word, or, after و/ف, a stem of three or
    more letters seen ``lexicon.frequent`` / 10 times and no rarer than
    1/``lexicon.max_ratio`` of the whole word (واضاف : اضاف). Two-letter stems are
    split only after و/ف and when frequent (قد، لا، لم). Words listed as never split
    stay whole. Among possible splits the one with the most frequent stem wins.
    Returns ``(clitics, stem, lookup)``; ``clitics`` is empty when the word stays whole.

    >>> from arabic_extract.lexicon import load_lexicon
    >>> split_proclitics("والعراق", load_lexicon())
    (['و'], 'العراق', 'العراق')
    >>> split_proclitics("بغداد", load_lexicon())
    ([], 'بغداد', 'بغداد')
    """
    best: tuple[list[str], str, str] = ([], word, word)
    if len(word) < 3 or word in lexicon.never_split:
        return best
    whole = lexicon.count(word)
    best_count = 0
    for clitics, stem, lookup in proclitic_splits(word):
        c = lexicon.count(lookup)
        after_conjunction = clitics[-1] in CONJUNCTIONS
        if len(stem) < 2 or (len(stem) == 2 and not (after_conjunction and c >= lexicon.frequent)):
            continue
        word_like = c >= lexicon.min_count and c >= whole
        common_after_conjunction = (after_conjunction and len(stem) >= 3 and c >= lexicon.frequent // 10
                                    and c * lexicon.max_ratio >= whole)
        if (word_like or common_after_conjunction) and c > best_count:
            best, best_count = (clitics, stem, lookup), c
    return best


class ArabicTokenizer:
    """A spaCy tokenizer for Arabic news text. ``doc.text`` equals the input exactly."""

    def __init__(self, vocab: Vocab, split_clitics: bool = True):
        self.vocab = vocab
        self.split_clitics = split_clitics
        self._lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    def __call__(self, text: str) -> Doc:
        words, spaces, norms = self.tokenize(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token, norm in zip(doc, norms):
            token.norm_ = norm
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def spans(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, norm)`` for each token, offsets into ``text``."""
        n = normalize(text)
        norm_text, align, size = n.text, n.alignment, len(text)
        prev_end = 0
        for m in TOKEN_RE.finditer(norm_text):
            s, e = m.span()
            if s == 0:
                start = 0
            elif norm_text[s - 1].isspace():
                start = align[s - 1] + 1  # removed characters after a space open this token
            else:
                start = align[s]
            start = max(start, prev_end)
            end = max(align[e] if e < len(norm_text) else size, align[e - 1] + 1)
            if end <= start:
                continue  # a later word of one expanded character (a ligature such as ﷺ)
            piece = m.group()
            if self.split_clitics and ARABIC_WORD_RE.fullmatch(piece):
                clitics, stem, lookup = split_proclitics(piece, self.lexicon)
                k, done = s, 0
                for clitic in clitics:
                    cut = align[k + len(clitic)]
                    if not start < cut < end:
                        break
                    yield start, cut, clitic
                    start, k, done = cut, k + len(clitic), done + 1
                yield start, end, lookup if done == len(clitics) else piece[k - s:]
            else:
                yield start, end, piece
            prev_end = end

    def tokenize(self, text: str) -> tuple[list[str], list[bool], list[str]]:
        """Words, trailing-space flags and norms that rebuild ``text`` exactly."""
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[str] = []
        pos = 0
        for start, end, norm in self.spans(text):
            if start > pos:
                self._gap(text[pos:start], words, spaces, norms)
            words.append(text[start:end])
            spaces.append(False)
            norms.append(norm)
            pos = end
        if pos < len(text):
            self._gap(text[pos:], words, spaces, norms)
        return words, spaces, norms

    @staticmethod
    def _gap(gap: str, words: list[str], spaces: list[bool], norms: list[str]) -> None:
        if gap[0] == " " and words and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            norms.append(normalize(gap).text or gap)

    # spaCy serialization: the tokenizer has no state beyond its settings.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "ArabicTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "ArabicTokenizer":
        return self


@registry.tokenizers("arabic_extract.Tokenizer.v1")
def create_tokenizer(split_clitics: bool = True):
    def make(nlp):
        return ArabicTokenizer(nlp.vocab, split_clitics=split_clitics)
    return make
