"""Tokenization of Arabic news text into a spaCy ``Doc``.

The text is normalized (:mod:`.normalize`), cut into tokens on the normalized view, and every
token is mapped back to the original string, so ``doc.text`` is always the caller's text and
each token's ``norm_`` holds its normalized form. Attached proclitics (و ف ب ل ك لل) are split
off when what remains is a known word (:func:`.clitics.split_proclitics`, with the news word
counts of :mod:`arabic_extract.lexicons.words`).

Makes the ``Doc``: its words, spaces and ``token.norm_``.
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from ..lexicons.words import Lexicon, load_lexicon
from .clitics import split_proclitics
from .normalize import normalize, normalize_text

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


def has_arabic_letter(text: str) -> bool:
    """``text`` holds at least one Arabic letter."""
    return ARABIC_WORD_RE.search(text) is not None


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
            norms.append(normalize_text(gap) or gap)

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
