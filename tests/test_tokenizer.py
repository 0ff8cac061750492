import pytest
from hypothesis import given, settings, strategies as st

from arabic_extract.text.tokenizer import ArabicTokenizer


@pytest.fixture(scope="module")
def tok(nlp):
    return nlp.tokenizer


def words(tok, text):
    return [t.text for t in tok(text) if not t.is_space]


@pytest.mark.parametrize("text, expected", [
    ("قال «نعمل على ذلك»، وأضاف: لا.", ["قال", "«", "نعمل", "على", "ذلك", "»", "،", "و", "أضاف", ":", "لا", "."]),
    ('وصف "العملية" (الأولى)؛ لماذا؟ نعم!', ["وصف", '"', "العملية", '"', "(", "الأولى", ")", "؛", "لماذا", "؟", "نعم", "!"]),
    ("بلغ النمو 6.3 في المئة و1,000 دولار و٢٠٢١ و5ر7 مليون", ["بلغ", "النمو", "6.3", "في", "المئة", "و", "1,000", "دولار", "و", "٢٠٢١", "و", "5ر7", "مليون"]),
    ("في 01/07/2021 الساعة 10:43 ص", ["في", "01/07/2021", "الساعة", "10:43", "ص"]),
    ("بروكسل (أ ش أ) - وكالات", ["بروكسل", "(أ ش أ)", "-", "وكالات"]),
    ("برلين (د ب أ)", ["برلين", "(د ب أ)"]),
    ("زوروا https://example.com/a?b=1. أو راسلونا info@example.org", ["زوروا", "https://example.com/a?b=1", ".", "أو", "راسلونا", "info@example.org"]),
    ("وسم #العراق_اليوم من NATO و U.S.", ["وسم", "#العراق_اليوم", "من", "NATO", "و", "U.S."]),
])
def test_news_patterns(tok, text, expected):
    assert words(tok, text) == expected


@pytest.mark.parametrize("word, parts", [
    ("والعراق", ["و", "العراق"]),
    ("لحلف", ["ل", "حلف"]),
    ("بالعراق", ["ب", "العراق"]),
    ("وبريطانيا", ["و", "بريطانيا"]),
    ("للأمم", ["لل", "أمم"]),
    ("وللعراق", ["و", "لل", "عراق"]),
    ("فالحكومة", ["ف", "الحكومة"]),
    ("كالعادة", ["ك", "العادة"]),
])
def test_proclitics_split(tok, word, parts):
    assert words(tok, word) == parts


@pytest.mark.parametrize("word", ["بغداد", "وليد", "فلسطين", "لبنان", "كركوك", "بيروت", "وزير", "واشنطن",
                                  "كان", "كما", "بين", "كمال", "والي"])
def test_words_that_only_begin_with_a_clitic_letter_stay_whole(tok, word):
    assert words(tok, word) == [word]


def test_clitic_stem_norm_restores_the_article(tok):
    doc = tok("للأمم المتحدة")
    assert [t.norm_ for t in doc if not t.is_space] == ["لل", "الامم", "المتحده"]


def test_norm_is_normalized_form(tok):
    doc = tok("الأمينُ العـام لحلف شمال الأطلنطى")
    assert [t.norm_ for t in doc if not t.is_space] == ["الامين", "العام", "ل", "حلف", "شمال", "الاطلنطي"]


def test_diacritics_and_controls_stay_inside_tokens(tok):
    text = "وَالْعِرَاقُ\u200f قالَ"
    doc = tok(text)
    assert doc.text == text
    assert [t.norm_ for t in doc if not t.is_space] == ["و", "العراق", "قال"]


def test_no_split_option():
    import arabic_extract
    nlp = arabic_extract.blank()
    plain = ArabicTokenizer(nlp.vocab, split_clitics=False)
    assert [t.text for t in plain("والعراق")] == ["والعراق"]


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_tokens_rebuild_any_text(tok, text):
    doc = tok(text)
    assert doc.text == text
    pos = 0
    for t in doc:
        assert t.idx == pos and len(t.text) > 0
        pos += len(t.text_with_ws)
    assert pos == len(text)


@pytest.mark.parametrize("text, n", [
    ("قال الرئيس إن النمو بلغ 6.3 في المئة. وأضاف أن الحكومة ستعمل.", 2),
    ("هل ستعود؟ نعم! سنعود.", 3),
    ('قال: "نعمل. ولن نتوقف." ثم غادر.', 2),
    ("سطر أول\nسطر ثان", 2),
    ("بروكسل (أ ش أ) قال المتحدث إن 5ر7 مليون عادوا.", 1),
])
def test_sentences(nlp, text, n):
    assert len(list(nlp(text).sents)) == n
