"""Arabic orthographic normalization with an exact alignment to the original text.

Each fold is a pure function ``str -> str`` that maps characters one at a time.
:func:`normalize` applies the chosen folds in one pass and returns a
:class:`Normalized` that also knows, for every character of the normalized
text, the index of the original character it came from, so that any span found
in normalized text maps back to the caller's string exactly.

>>> n = normalize("قالَ الأمينُ")
>>> n.text
'قال الامين'
>>> n.to_original(4, 10)
(5, 11)
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from functools import lru_cache
from typing import NamedTuple

# Harakat, tanween, shadda, sukun, maddah/hamza-free extended marks, dagger alef,
# Quranic annotation signs and small high letters.
DIACRITICS = (
    "".join(map(chr, range(0x064B, 0x0653)))  # tanween, harakat, shadda, sukun
    + "\u0653\u0656\u0657\u0658\u0659\u065A\u065B\u065C\u065D\u065E\u065F"
    + "\u0670"  # dagger (superscript) alef
    + "".join(map(chr, range(0x0610, 0x061B)))  # honorific signs, small high letters
    + "".join(map(chr, range(0x06D6, 0x06DD)))  # Quranic annotation, small high ligatures
    + "".join(map(chr, range(0x06DF, 0x06E5)))
    + "\u06E7\u06E8"
    + "".join(map(chr, range(0x06EA, 0x06EE)))
)
TATWEEL = "\u0640"
# Bidi marks and embeddings, zero-width characters, Arabic letter mark, BOM, soft hyphen.
CONTROLS = (
    "\u200B\u200C\u200D\u200E\u200F\u061C\u2060\uFEFF\u00AD"
    + "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2066, 0x206A)))
)
SPACES = "\u00A0\u1680\u202F\u205F\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
ALEFS = "\u0623\u0625\u0622\u0671"  # أ إ آ ٱ
ALEF_MAKSURA = "\u0649"  # ى
TEH_MARBUTA = "\u0629"  # ة
PERSIAN_LETTERS = {"\u06CC": "\u064A", "\u06A9": "\u0643", "\u06BE": "\u0647", "\u06C1": "\u0647", "\u06C0": "\u0647"}  # ی ک ھ ہ ۀ
DIGITS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian/Urdu)
    "\u066B": ".",  # Arabic decimal separator
    "\u066C": ",",  # Arabic thousands separator
}
PRESENTATION_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE))

FOLDS = ("presentation", "diacritics", "tatweel", "controls", "spaces",
         "persian", "alef", "alef_maksura", "teh_marbuta", "digits")


def _presentation_table() -> dict[str, str]:
    table = {}
    for lo, hi in PRESENTATION_RANGES:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            folded = unicodedata.normalize("NFKC", c)
            if folded != c:
                table[c] = folded
    return table


def _simple_table(fold: str) -> dict[str, str]:
    if fold == "diacritics":
        return dict.fromkeys(DIACRITICS, "")
    if fold == "tatweel":
        return {TATWEEL: ""}
    if fold == "controls":
        return dict.fromkeys(CONTROLS, "")
    if fold == "spaces":
        return dict.fromkeys(SPACES, " ")
    if fold == "persian":
        return dict(PERSIAN_LETTERS)
    if fold == "alef":
        return dict.fromkeys(ALEFS, "\u0627")
    if fold == "alef_maksura":
        return {ALEF_MAKSURA: "\u064A"}
    if fold == "teh_marbuta":
        return {TEH_MARBUTA: "\u0647"}
    if fold == "digits":
        return dict(DIGITS)
    raise ValueError(f"unknown fold {fold!r}")


@lru_cache(maxsize=64)
def _table(folds: frozenset[str]) -> dict[str, str]:
    """One translation table for a set of folds; presentation forms are folded first,
    then the other folds apply to what they expand to, so one pass is complete."""
    simple: dict[str, str] = {}
    for fold in FOLDS:
        if fold in folds and fold != "presentation":
            simple.update(_simple_table(fold))
    table = dict(simple)
    if "presentation" in folds:
        for c, expansion in _presentation_table().items():
            table[c] = "".join(simple.get(x, x) for x in expansion)
    return table


@lru_cache(maxsize=64)
def _compiled(folds: frozenset[str]):
    table = _table(folds)
    trans = str.maketrans(table)
    resizing = "".join(c for c, r in table.items() if len(r) != 1)
    resizing_re = re.compile("[" + re.escape(resizing) + "]") if resizing else None
    return trans, table, resizing_re


def _translate(s: str, fold: str) -> str:
    return s.translate(_compiled(frozenset((fold,)))[0])


def dediac(s: str) -> str:
    """Remove harakat, tanween, shadda, sukun, dagger alef and Quranic annotation marks.

    >>> dediac("مُحَمَّدٌ")
    'محمد'
    """
    return _translate(s, "diacritics")


def strip_tatweel(s: str) -> str:
    """Remove tatweel (kashida, U+0640): ``'العـــراق'`` becomes ``'العراق'``."""
    return _translate(s, "tatweel")


def strip_controls(s: str) -> str:
    """Remove bidi marks and embeddings (LRM, RLM, ALM, LRE…PDI), zero-width characters
    (ZWSP, ZWNJ, ZWJ, word joiner), the BOM and soft hyphens."""
    return _translate(s, "controls")


def fold_spaces(s: str) -> str:
    """Map no-break, narrow, ideographic and other fixed-width spaces to U+0020.
    Tabs and line breaks are kept."""
    return _translate(s, "spaces")


def fold_presentation_forms(s: str) -> str:
    """Replace Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) by their
    NFKC equivalents: ``'ﻻ'`` becomes ``'لا'``, ``'ﺍﻟﻌﺮﺍﻕ'`` becomes ``'العراق'``."""
    return _translate(s, "presentation")


def fold_persian_letters(s: str) -> str:
    """Map the Persian and Urdu forms that scraped Arabic text carries (ی ک ھ ہ ۀ: keyboard
    layouts, copied PDFs) to the Arabic letters ي ك ه: «ھیئة» → «هيئة»."""
    return _translate(s, "persian")


def normalize_alef(s: str) -> str:
    """Map hamzated and wasla alefs (أ إ آ ٱ) to bare alef (ا)."""
    return _translate(s, "alef")


def normalize_alef_maksura(s: str) -> str:
    """Map alef maksura (ى) to yeh (ي)."""
    return _translate(s, "alef_maksura")


def normalize_teh_marbuta(s: str) -> str:
    """Map teh marbuta (ة) to heh (ه)."""
    return _translate(s, "teh_marbuta")


def normalize_digits(s: str) -> str:
    """Map Arabic-Indic (٠–٩) and extended Arabic-Indic (۰–۹) digits to ASCII, and
    the Arabic decimal (٫) and thousands (٬) separators to ``.`` and ``,``."""
    return _translate(s, "digits")


class Normalized(NamedTuple):
    """A normalized string and its alignment to the original.

    ``alignment[i]`` is the index in the original string of the character that
    produced ``text[i]`` (a presentation form that expands to several characters
    gives them all the same index). The alignment is non-decreasing.
    """

    text: str
    alignment: array
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalized span ``[start, end)`` to the smallest original span
        that contains every character it came from. An empty span maps to an
        empty span at the corresponding original position."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span ({start}, {end}) outside 0..{len(self.text)}")
        a = self.alignment
        if start == end:
            pos = a[start] if start < len(a) else self.original_length
            return pos, pos
        return a[start], a[end - 1] + 1


def normalize(text: str, *, presentation: bool = True, diacritics: bool = True,
              tatweel: bool = True, controls: bool = True, spaces: bool = True,
              persian: bool = True, alef: bool = True, alef_maksura: bool = True,
              teh_marbuta: bool = True, digits: bool = True) -> Normalized:
    """Normalize Arabic text and align every normalized character to the original.

    All folds are on by default; pass ``fold=False`` to switch one off. The
    result is idempotent: ``normalize(normalize(t).text).text == normalize(t).text``
    for the same switches.
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, not {type(text).__name__}")
    flags = dict(presentation=presentation, diacritics=diacritics, tatweel=tatweel,
                 controls=controls, spaces=spaces, persian=persian, alef=alef, alef_maksura=alef_maksura,
                 teh_marbuta=teh_marbuta, digits=digits)
    folds = frozenset(k for k, v in flags.items() if v)
    trans, table, resizing_re = _compiled(folds)
    out = text.translate(trans)
    if len(out) == len(text) and (resizing_re is None or not resizing_re.search(text)):
        return Normalized(out, array("q", range(len(text))), len(text))
    alignment = array("q")
    pos = 0
    for m in resizing_re.finditer(text):
        i = m.start()
        alignment.extend(range(pos, i))
        alignment.extend([i] * len(table[text[i]]))
        pos = i + 1
    alignment.extend(range(pos, len(text)))
    return Normalized(out, alignment, len(text))


def normalize_text(text: str) -> str:
    """``normalize(text).text`` with every fold on, without the alignment: for a word or a
    lookup key, where no offset is mapped back (several times faster on short strings).

    >>> normalize_text("أُسامة")
    'اسامه'
    """
    return text.translate(_compiled(frozenset(FOLDS))[0])
