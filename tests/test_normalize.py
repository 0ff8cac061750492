import importlib

import pytest
from hypothesis import given, settings, strategies as st

N = importlib.import_module("arabic_extract.text.normalize")  # the package also exports a function of that name

any_text = st.text(max_size=300)
fold_flags = st.fixed_dictionaries({f: st.booleans() for f in N.FOLDS})


@pytest.mark.parametrize("raw, expected", [
    ("مُحَمَّدٌ", "محمد"),
    ("العـــراق", "العراق"),
    ("أحمد وإبراهيم وآمنة وٱبن", "احمد وابراهيم وامنه وابن"),
    ("مصطفى", "مصطفي"),
    ("٢٠٢١ و۱۹۹۰ و٣٫٥", "2021 و1990 و3.5"),
    ("ﺍﻟﻌﺮﺍﻕ ﻻ", "العراق لا"),
    ("a\u00a0b\u2009c", "a b c"),
    ("\u200fقال\u200e \u061cإن\ufeff", "قال ان"),
    ("رَبِّ ٱلْعَٰلَمِينَ ۝", "رب العلمين ۝"),
    ("ھیئة الاتصالات الکویتیة", "هيئه الاتصالات الكويتيه"),  # Persian letters in scraped text
])
def test_folds(raw, expected):
    assert N.normalize(raw).text == expected


def test_each_fold_can_be_switched_off():
    raw = "أَحْمَـد مصطفى مدرسة ٣\u00a0\u200f ﻻ ھیئة"
    for fold in N.FOLDS:
        with_fold = N.normalize(raw).text
        without = N.normalize(raw, **{fold: False}).text
        assert with_fold != without, fold


def test_alignment_maps_spans_back():
    raw = "قالَ الأمينُ العامُّ ﻟﺤﻠﻒ"
    n = N.normalize(raw)
    i = n.text.index("الامين")
    start, end = n.to_original(i, i + len("الامين"))
    assert raw[start:end] == "الأمينُ"[:-1]  # up to the last letter, mark excluded
    j = n.text.index("لحلف")
    assert n.to_original(j, j + 4) == (len(raw) - 4, len(raw))


@given(any_text)
@settings(max_examples=300)
def test_normalize_text_is_the_text_of_normalize(text):
    assert N.normalize_text(text) == N.normalize(text).text


@given(any_text, fold_flags)
@settings(max_examples=300)
def test_idempotent(text, flags):
    once = N.normalize(text, **flags).text
    assert N.normalize(once, **flags).text == once


@given(any_text, fold_flags)
@settings(max_examples=300)
def test_alignment_is_monotone_and_inside(text, flags):
    n = N.normalize(text, **flags)
    assert len(n.alignment) == len(n.text)
    assert all(0 <= a < len(text) for a in n.alignment)
    assert all(a <= b for a, b in zip(n.alignment, n.alignment[1:]))


@given(any_text, fold_flags)
def test_each_character_comes_from_its_aligned_source(text, flags):
    n = N.normalize(text, **flags)
    for i, c in enumerate(n.text):
        assert c in N.normalize(text[n.alignment[i]], **flags).text
