import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import arabic_extract
from arabic_extract.pipeline import BATCH_CHARS, MAX_TOKENS, _batches, chunks, estimate_tokens
from conftest import check_offsets

SCHEMA_KEYS = {"id", "text", "entities", "clusters", "quotes", "meta"}


def test_schema_on_seed(seed_text):
    d = arabic_extract.extract(seed_text, id="seed").to_dict()
    assert set(d) == SCHEMA_KEYS
    assert d["id"] == "seed" and d["text"] == seed_text
    assert set(d["meta"]) == {"version", "model"} and d["meta"]["version"] == arabic_extract.__version__
    json.dumps(d, ensure_ascii=False)
    check_offsets(arabic_extract.extract(seed_text))


@pytest.mark.parametrize("text", ["", "   \n\t ", "Hello, world.", "12345", "😀" * 50])
def test_empty_and_non_arabic_give_a_clean_result(text):
    d = arabic_extract.extract(text).to_dict()
    assert d["text"] == text and d["quotes"] == [] and d["clusters"] == []


def test_bytes_are_decoded_and_invalid_utf8_is_a_clear_error():
    assert arabic_extract.extract("قال".encode()).text == "قال"
    with pytest.raises(ValueError, match="invalid UTF-8 at byte 4"):
        arabic_extract.extract("قا".encode() + b"\xff")
    with pytest.raises(TypeError):
        arabic_extract.extract(42)


def test_extract_many_keeps_order_and_ids():
    texts = ["قال الوزير", "", "والعراق", "x" * 10]
    docs = list(arabic_extract.extract_many(texts, ids=["a", "b", "c", "d"]))
    assert [d.id for d in docs] == ["a", "b", "c", "d"]
    assert [d.text for d in docs] == texts


@given(st.text(min_size=1, max_size=3000), st.integers(min_value=5, max_value=200))
def test_chunks_cover_the_text_exactly(text, size):
    pieces = list(chunks(text, size))
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p and len(p) <= size for o, p in pieces)


@given(st.text(st.sampled_from("ab (.\n"), min_size=1, max_size=3000), st.integers(5, 400), st.integers(1, 50))
def test_chunks_bound_tokens_too(text, size, max_tokens):
    pieces = list(chunks(text, size, max_tokens))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= size and estimate_tokens(p) <= max_tokens for _, p in pieces)


def test_model_batches_bound_tokens():
    items = [("( " * 5000, (i, 0)) for i in range(10)]  # 5,000 tokens in 10,000 characters each
    batches = list(_batches(items, 32))
    assert [it for b in batches for it in b] == items
    assert all(sum(estimate_tokens(t) for t, _ in b) <= MAX_TOKENS for b in batches)


@given(st.lists(st.integers(min_value=0, max_value=2 * BATCH_CHARS), max_size=40), st.integers(1, 8))
def test_model_batches_keep_order_and_bound_size(lengths, batch_size):
    items = [("x" * n, (i, 0)) for i, n in enumerate(lengths)]
    batches = list(_batches(items, batch_size))
    assert [it for b in batches for it in b] == items
    for b in batches:
        assert len(b) <= batch_size
        assert len(b) == 1 or sum(len(t) for t, _ in b) <= BATCH_CHARS


def test_long_document_is_chunked_with_exact_offsets(seed_text):
    text = (seed_text + "\n\n") * 30  # ~220k characters, more than one chunk
    assert len(list(chunks(text))) > 1
    doc = arabic_extract.extract(text)
    assert doc.text == text
    check_offsets(doc)


ANY_UNICODE = st.text(st.characters(exclude_categories=()), max_size=2000)  # surrogates and controls too


@given(ANY_UNICODE)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_extract_never_raises_and_offsets_hold(text):
    check_offsets(arabic_extract.extract(text))


def test_extract_survives_surrogates_controls_and_100kb():
    text = "\ud800قال\x00\x1b\u202e «إن» \udfff" + "الرئيس، " * 12_000
    doc = arabic_extract.extract(text)
    assert doc.text == text
    check_offsets(doc)


def test_load_returns_a_spacy_pipeline_with_arabic_tokenizer():
    nlp = arabic_extract.load()
    doc = nlp("وقال الأمين العام")
    assert [t.text for t in doc] == ["و", "قال", "الأمين", "العام"]
    assert nlp.lang == "ar"
