"""Differential tests: our folds against camel-tools and pyarabic (test-time references)."""
import importlib

import pytest
from hypothesis import given, strategies as st

N = importlib.import_module("arabic_extract.text.normalize")
ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
CAMEL_DIACS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
TASHKEEL = [chr(c) for c in range(0x064B, 0x0653)]
arabic_text = st.text(alphabet=ARABIC_LETTERS + CAMEL_DIACS + ["\u0640", " ", "ى", "ة", "أ", "إ", "آ", "ٱ"],
                      max_size=200)

camel = pytest.importorskip("camel_tools.utils.dediac")
from camel_tools.utils.normalize import (  # noqa: E402
    normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar)
araby = pytest.importorskip("pyarabic.araby")


@given(arabic_text)
def test_dediac_agrees_with_camel_tools(text):
    assert N.dediac(text) == camel.dediac_ar(text)


@given(st.text(alphabet=ARABIC_LETTERS + TASHKEEL + [" "], max_size=200))
def test_dediac_agrees_with_pyarabic(text):
    assert N.dediac(text) == araby.strip_tashkeel(text)


@given(arabic_text)
def test_tatweel_agrees_with_pyarabic(text):
    assert N.strip_tatweel(text) == araby.strip_tatweel(text)


@given(arabic_text)
def test_letter_folds_agree_with_camel_tools(text):
    assert N.normalize_alef(text) == normalize_alef_ar(text)
    assert N.normalize_alef_maksura(text) == normalize_alef_maksura_ar(text)
    assert N.normalize_teh_marbuta(text) == normalize_teh_marbuta_ar(text)
