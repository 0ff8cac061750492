"""The shipped NER model: loads by default, finds entities, keeps clitics outside spans."""
import json

import pytest

import arabic_extract
from arabic_extract.pipeline import models_dir
from arabic_extract.text.clitics import is_split_clitic
from conftest import NER_DATA, check_offsets

pytestmark = pytest.mark.skipif(not (models_dir() / "ner" / "config.cfg").exists(), reason="no model in models/ner")


def dev_records(n=None, name="anercorp.dev"):
    path = NER_DATA / f"{name}.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/ner is absent")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines[:n]]


def micro_f1(records, nlp) -> float:
    """Micro-F1 over entities as word spans of the corpus' tokens, with their labels."""
    tp = fp = fn = 0
    for r, d in zip(records, arabic_extract.extract_many((r["text"] for r in records), nlp=nlp)):
        def words(s, e):
            idx = [i for i, (a, b) in enumerate(r["tokens"]) if a < e and s < b]
            return (idx[0], idx[-1]) if idx else None
        gold = {(words(e["start"], e["end"]), e["label"]) for e in r["entities"]}
        pred = {(words(e.start, e.end), e.label) for e in d.entities}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    return 2 * tp / (2 * tp + fp + fn)


def test_model_loads_by_default(nlp):
    assert "ner" in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC", "MISC"}
    assert arabic_extract.extract("").meta["model"] != "blank"


def test_entities_are_clitic_free_and_offset_exact(nlp):
    records = dev_records(300)
    docs = list(nlp.pipe(r["text"] for r in records))
    found = 0
    for doc in docs:
        for ent in doc.ents:
            found += 1
            assert not is_split_clitic(ent[0]), ent.text
    assert found > 300
    for d in arabic_extract.extract_many(r["text"] for r in records[:100]):
        check_offsets(d)


@pytest.mark.parametrize("fast", [False, True], ids=["default", "fast"])
def test_dev_score_is_above_a_floor(fast):
    """Word-level micro-F1 on anercorp.dev (the tuning split) with the project's scorer rules:
    0.763 for the default pipeline, 0.757 for the CRF alone (fast) when this was written (0.750
    and 0.747 in 0.4.0, before the CRF's silver words; 0.745 and 0.743 in 0.3.0)."""
    f1 = micro_f1(dev_records(), arabic_extract.load(fast=fast))
    assert f1 > 0.745, f1


def test_wikipedia_domain_tags_wikipedia_text_far_better():
    """aqmar.dev (Wikipedia; tuned on): the CRF's Wikipedia weights against the news default,
    0.634 and 0.409 on the whole file when this was written (0.638 and 0.429 in 0.4.0)."""
    records = dev_records(300, "aqmar.dev")
    news, wiki = micro_f1(records, arabic_extract.load()), micro_f1(records, arabic_extract.load(domain="wikipedia"))
    assert wiki > 0.55 and wiki > news + 0.1, (news, wiki)


def test_seed_places_and_furniture(seed_text):
    d = arabic_extract.extract(seed_text)
    assert ("العراق", "LOC") in {(e.text, e.label) for e in d.entities}
    assert not any(e.text == "مشاركة" for e in d.entities)


def test_seed_stoltenberg_is_a_person(seed_text):
    d = arabic_extract.extract(seed_text)
    assert any("ستولينبيرج" in e.text for e in d.entities if e.label == "PER")


LATIN = "Bonjour tout le monde. NATO will meet in Brussels, he said. Joe Biden said that Paris is nice."


@pytest.mark.parametrize("fast", [False, True])
def test_latin_text_gets_no_entities(fast):
    nlp = arabic_extract.load(fast=fast)
    assert arabic_extract.extract(LATIN, nlp=nlp).entities == []
    mixed = arabic_extract.extract(f"قالت الوزارة:\n{LATIN}\nوأكد الوزير أن العراق سيعمل مع NATO.", nlp=nlp)
    latin = [e for e in mixed.entities if not any("\u0621" <= c <= "\u064a" for c in e.text)]
    assert all(mixed.text[e.start - 4:e.start] == " مع " for e in latin)  # only NATO, in an Arabic sentence


def test_latin_names_in_arabic_text_stay():
    from spacy.tokens import Span

    nlp = arabic_extract.blank()
    doc = nlp.make_doc("قالت قناة CNN إن BBC نشرت الخبر.\nBBC and CNN, he said. «Apple»")
    doc.ents = [Span(doc, 1, 3, label="ORG"), Span(doc, 4, 5, label="ORG"), Span(doc, 9, 10, label="ORG"),
                Span(doc, 11, 12, label="ORG"), Span(doc, 14, 15, label="PER"), Span(doc, 17, 18, label="ORG")]
    assert [e.text for e in doc.ents] == ["قناة CNN", "BBC", "BBC", "CNN", "said", "Apple"]
    doc = nlp.get_pipe("arabic_script_filter")(doc)
    assert [e.text for e in doc.ents] == ["قناة CNN", "BBC"]
