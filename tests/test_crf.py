"""The arabic_crf component: features, BIO decoding, the merge with the CNN, training, saving."""
import pickle
import shutil
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Span

import arabic_extract
from arabic_extract.entities.crf import (CHECKSUM_FILE, OFFSETS, CRFTagger, WordClusters, bio_spans, merge,
                                         sentence_features, silver_value, with_domain, word_attrs, word_spans,
                                         word_strings)
from arabic_extract.lexicons.words import Lexicon
from arabic_extract.pipeline import blank, models_dir

LEXICON = Lexicon({"محمد": 1000, "الحكومه": 5000, "حكومه": 900}, frozenset())

HAS_MODEL = (models_dir() / "ner" / "arabic_crf" / "model.crfsuite").exists()
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="no CRF in models/ner")

TAGS = st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]), max_size=30)


def test_bio_spans():
    assert bio_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG", "I-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 7, "ORG")]
    assert bio_spans(["O", "I-PER", "I-PER"]) == [(1, 3, "PER")]


@given(TAGS)
def test_bio_spans_cover_exactly_the_tagged_words(tags):
    spans = bio_spans(tags)
    covered = [i for s, e, _ in spans for i in range(s, e)]
    assert covered == [i for i, t in enumerate(tags) if t != "O"]
    assert all(tags[s][2:] == label and all(t[2:] == label for t in tags[s:e]) for s, e, label in spans)


def features_of(norms):
    words = [word_strings(word_attrs(n, "xxxx", (i % 64, i % 256, i), frozenset({"محمد"}), LEXICON))
             for i, n in enumerate(norms)]
    return sentence_features(norms, words)


def test_features_see_two_words_each_side():
    f = features_of(["قال", "محمد", "علي", "ان", "الحكومه"])
    assert "n=علي" in f[2] and "b=حكومه" in f[4]
    assert {"-2n=قال", "-1n=محمد", "1n=ان", "2n=الحكومه", "-1fn"} <= set(f[2])
    assert "2n=الحكومه" not in f[1] and "-2BOS" in f[1] and "2BOS" in f[3]
    assert "fn" in f[1] and "fn" not in f[2]
    assert "-1n|n=محمد|علي" in f[2] and "n|+1n=علي|ان" in f[2]
    assert "lc=9" in f[1] and "df=0" in f[1] and "-1lc=9" in f[2]  # محمد: 1,000 times, never with ال
    assert "df=3" in f[4] and "df=none" in f[0]  # الحكومه: 5,000 of 5,900 with ال; قال: unknown


@given(st.lists(st.text(min_size=1, max_size=8), max_size=12))
def test_every_word_gets_its_own_features_and_its_neighbours(norms):
    f = features_of(norms)
    assert len(f) == len(norms)
    for i, n in enumerate(norms):
        assert f"n={n}" in f[i]
        for o in OFFSETS:
            j = i + o
            assert (f"{o}n={norms[j]}" in f[i]) if 0 <= j < len(norms) else (f"{o}BOS" in f[i])


def test_clusters_pick_the_nearest_centroid():
    c = WordClusters([np.eye(3)[:2], np.eye(3)])
    assert c.nearest(np.array([[0.1, 2.0, 0.0], [0.0, 0.1, -5.0], [3.0, 0.0, 1.0]])) == [(1, 1), (1, 1), (0, 0)]


@pytest.fixture(scope="module")
def toy_tagger(nlp):
    """A CRF trained on a few sentences where the word after وقال is a person."""
    if "tok2vec" not in nlp.pipe_names:
        pytest.skip("no model in models/ner")
    tokens = blank()
    names = ["سمير", "نادر", "كريم", "وليد", "هشام", "ماهر"]
    docs = []
    for name in names:
        doc = tokens.make_doc(f"وقال {name} إن الاجتماع انتهى.")
        doc.ents = [Span(doc, 2, 3, label="PER")]  # و + قال + name
        docs.append(doc)
    tagger = CRFTagger(nlp.vocab, frozenset(), LEXICON)
    rng = np.random.default_rng(0)
    tagger.set_clusters(WordClusters([rng.normal(size=(k, nlp.vocab.vectors.shape[1])) for k in (2, 3, 4)]))
    tagger.train(docs)
    return tagger


def test_training_learns_the_pattern(toy_tagger):
    doc = blank().make_doc("وقال فريد إن الاجتماع انتهى.")
    doc.ents = []
    assert [(e.text, e.label_) for e in toy_tagger(doc).ents] == [("فريد", "PER")]


def test_crf_spans_come_first_and_the_model_fills_the_gaps(toy_tagger):
    doc = blank().make_doc("وقال فريد إن الاجتماع انتهى في عمان.")
    doc.ents = [Span(doc, 1, 3, label="ORG"), Span(doc, 7, 8, label="LOC")]  # قال فريد (overlaps), عمان
    assert [(e.text, e.label_) for e in toy_tagger(doc).ents] == [("فريد", "PER"), ("عمان", "LOC")]


def spans(doc, *triples):
    return [Span(doc, s, e, label=label) for s, e, label in triples]


def test_merge_keeps_crf_spans_and_whole_model_persons():
    doc = blank().make_doc("أ ب ت ث ج ح خ د")
    ours = spans(doc, (0, 1, "LOC"), (2, 3, "PER"), (4, 5, "ORG"), (6, 8, "ORG"))
    theirs = spans(doc, (0, 2, "PER"), (3, 4, "LOC"), (5, 7, "PER"))
    merged = [(e.start, e.end, e.label_) for e in merge(ours, theirs)]
    # the model's person holds the CRF's LOC; the CRF's ORG at 6:8 is not inside its person 5:7
    assert merged == [(0, 2, "PER"), (2, 3, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (6, 8, "ORG")]


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(1, 3), st.sampled_from(["PER", "LOC"])), max_size=6),
       st.lists(st.tuples(st.integers(0, 9), st.integers(1, 3), st.sampled_from(["PER", "ORG"])), max_size=6))
def test_merge_never_overlaps_and_keeps_every_crf_word(ours, theirs):
    doc = blank().make_doc("أ ب ت ث ج ح خ د ذ ر ز س")
    def clean(triples):
        out, end = [], -1
        for s, n, label in sorted(triples):
            if s >= end:
                out.append((s, s + n, label))
                end = s + n
        return spans(doc, *out)
    ours, theirs = clean(ours), clean(theirs)
    merged = merge(ours, theirs)
    words = [i for e in merged for i in range(e.start, e.end)]
    assert len(words) == len(set(words))
    assert {i for e in ours for i in range(e.start, e.end)} <= set(words)


@pytest.mark.parametrize("tags, value", [
    ({"B-ORG": 6, "I-ORG": 1, "O": 2}, "ORG3B"),  # in an organization 7 times of 9, mostly first
    ({"I-PER": 5, "B-PER": 1}, "PER4I"),
    ({"B-MISC": 2, "B-ORG": 1, "O": 12}, "MISC1B"),  # the label it has most often inside an entity
    ({"B-LOC": 1, "O": 20}, None),  # almost never inside one
    ({"B-PER": 2}, None),  # seen too rarely to say
])
def test_silver_value(tags, value):
    assert silver_value(tags) == value


def test_silver_words_let_the_crf_tag_names_it_never_saw(nlp, tmp_path):
    """Words that no training sentence holds are tagged by what the corpus tagger said of them."""
    if "tok2vec" not in nlp.pipe_names:
        pytest.skip("no model in models/ner")
    tokens = blank()
    docs = []
    for word, label in [("سمير", "PER"), ("نادر", "PER"), ("كريم", "PER"), ("القطار", None), ("الوفد", None),
                        ("الرئيس", None)]:
        doc = tokens.make_doc(f"وصل {word} أمس.")
        doc.ents = [Span(doc, 1, 2, label=label)] if label else []
        docs.append(doc)
    tagger = CRFTagger(nlp.vocab, frozenset(), LEXICON)
    rng = np.random.default_rng(0)
    tagger.set_clusters(WordClusters([rng.normal(size=(k, nlp.vocab.vectors.shape[1])) for k in (2, 3, 4)]))
    silver = {"سمير": "PER4B", "نادر": "PER4B", "كريم": "PER4B", "فريد": "PER4B"}
    tagger.set_silver(silver)
    tagger.train(docs)
    tagger.to_disk(tmp_path / "crf")
    loaded = CRFTagger(nlp.vocab, frozenset(), LEXICON).from_disk(tmp_path / "crf")
    assert loaded.silver == silver
    for t in (tagger, loaded):
        tagged = [[e.text for e in t(tokens.make_doc(f"وصل {word} أمس.")).ents] for word in ("فريد", "الموكب")]
        assert tagged == [["فريد"], []]


def test_crf_spans_never_hold_line_breaks_or_non_words(toy_tagger):
    doc = blank().make_doc("وقال فريد \n\n ثم")
    assert [(e.start, e.end) for e in word_spans(doc, 0, len(doc), "PER")] == [(1, 3), (4, 5)]  # قال فريد | ثم
    assert word_spans(doc, 3, 4, "PER") == []  # only the line break


def test_saved_and_pickled_taggers_tag_alike(toy_tagger, nlp, tmp_path):
    toy_tagger.to_disk(tmp_path / "crf")
    loaded = CRFTagger(nlp.vocab, frozenset(), LEXICON).from_disk(tmp_path / "crf")
    copy = pickle.loads(pickle.dumps(toy_tagger))
    texts = ["وقال فريد إن الاجتماع انتهى.", "قال رامي إن", "وقال"]
    for text in texts:
        docs = [t(blank().make_doc(text)) for t in (toy_tagger, loaded, copy)]
        assert len({tuple((e.start, e.end, e.label_) for e in d.ents) for d in docs}) == 1


@needs_model
def test_shipped_pipeline_runs_the_crf_after_the_cnn(nlp):
    names = nlp.pipe_names
    assert names.index("ner") < names.index("arabic_crf") < names.index("arabic_names")
    doc = nlp("وقال الأمين العام لحلف شمال الأطلسي ينس ستولتنبرغ إن الحلف سيدعم العراق.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("العراق", "LOC") in found and any(label == "PER" and "ستولتنبرغ" in text for text, label in found)


@needs_model
def test_fast_pipeline_is_the_crf_alone(nlp, seed_text):
    fast = arabic_extract.load(fast=True)
    assert "arabic_crf" in fast.pipe_names and not {"tok2vec", "ner"} & set(fast.pipe_names)
    assert "ner" in nlp.pipe_names  # the default pipeline is untouched
    doc = arabic_extract.extract(seed_text, nlp=fast)
    assert doc.meta["model"].endswith("-fast") and not arabic_extract.extract("").meta["model"].endswith("-fast")
    assert {"العراق", "الناتو"} <= {e.text for e in doc.entities}
    assert all(seed_text[e.start:e.end] == e.text for e in doc.entities)


def test_fast_needs_a_crf(tmp_path):
    (tmp_path / "config.cfg").write_text("")
    with pytest.raises(ValueError, match="arabic_crf"):
        arabic_extract.load(tmp_path, fast=True)


DAMAGE = """
import sys
from pathlib import Path
import arabic_extract
model = Path(sys.argv[1])
crf = model / "arabic_crf" / "model.crfsuite"
whole = crf.read_bytes()
for cut in (len(whole) // 2, len(whole) - 1, 100, 8, 0):  # truncations, which crashed CRFsuite
    crf.write_bytes(whole[:cut])
    try:
        arabic_extract.pipeline._load(model, False, "news")
    except ValueError as e:
        assert str(crf) in str(e) and "not a whole CRFsuite model" in str(e), e
    else:
        raise AssertionError(f"a model cut at {cut} loaded")
flipped = bytearray(whole)
flipped[len(whole) // 2] ^= 0xFF
crf.write_bytes(bytes(flipped))
try:
    arabic_extract.pipeline._load(model, True, "news")
except ValueError as e:
    assert "does not match its checksum" in str(e), e
else:
    raise AssertionError("a model with a flipped byte loaded")
print("refused")
"""


@pytest.mark.skipif(not HAS_MODEL, reason="no model in models/ner")
def test_a_damaged_crf_model_is_refused_with_its_name_not_a_crash(tmp_path):
    model = tmp_path / "ner"
    shutil.copytree(models_dir() / "ner", model)
    r = subprocess.run([sys.executable, "-c", DAMAGE, str(model)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and r.stdout.strip() == "refused", r.stderr[-2000:]


@pytest.mark.skipif(not HAS_MODEL, reason="no model in models/ner")
def test_to_disk_writes_the_checksum_that_from_disk_checks(tmp_path):
    shipped = models_dir() / "ner" / "arabic_crf"
    tagger = CRFTagger(blank().vocab, frozenset(), Lexicon({}, frozenset())).from_disk(shipped)
    tagger.to_disk(tmp_path)
    assert (tmp_path / CHECKSUM_FILE).read_text() == (shipped / CHECKSUM_FILE).read_text()
    assert CRFTagger(blank().vocab, frozenset(), Lexicon({}, frozenset())).from_disk(tmp_path).model == tagger.model


def test_with_domain_copies_every_feature():
    assert with_domain([["a", "b"], ["c"]], "news") == [["a", "b", "news:a", "news:b"], ["c", "news:c"]]
    assert with_domain([["a"]], None) == [["a"]]
    assert with_domain([["a", "b"], ["c"]], "news", frozenset({"b"})) == [["a", "b", "news:b"], ["c"]]


def test_each_domain_keeps_its_own_conventions(nlp, tmp_path):
    """Two corpora that label the same pattern differently (after وقال: PER in one, ORG in the
    other): with a domain copy of the features, each domain's text gets its own corpus' label."""
    if "tok2vec" not in nlp.pipe_names:
        pytest.skip("no model in models/ner")
    tokens = blank()
    docs, domains = [], []
    for domain, label in (("news", "PER"), ("wikipedia", "ORG")):
        for name in ["سمير", "نادر", "كريم", "وليد", "هشام", "ماهر"]:
            doc = tokens.make_doc(f"وقال {name} إن الاجتماع انتهى.")
            doc.ents = [Span(doc, 2, 3, label=label)]
            docs.append(doc)
            domains.append(domain)
    tagger = CRFTagger(nlp.vocab, frozenset(), LEXICON)
    rng = np.random.default_rng(0)
    tagger.set_clusters(WordClusters([rng.normal(size=(k, nlp.vocab.vectors.shape[1])) for k in (2, 3, 4)]))
    tagger.train(docs, domains)
    tagger.to_disk(tmp_path)
    loaded = CRFTagger(nlp.vocab, frozenset(), LEXICON).from_disk(tmp_path)
    assert set(loaded.domain_features) == {"news", "wikipedia"}
    assert loaded.domain_features == tagger.domain_features and all(loaded.domain_features.values())
    for domain, label in (("news", "PER"), ("wikipedia", "ORG")):
        loaded.domain = domain
        doc = blank().make_doc("وقال فريد إن الاجتماع انتهى.")
        assert [(e.text, e.label_) for e in loaded(doc).ents] == [("فريد", label)]
        plain = CRFTagger(nlp.vocab, frozenset(), LEXICON)  # no model: features without copies
        plain.set_clusters(loaded.clusters)
        features = plain.features(doc)
        copied = with_domain(features, domain, loaded.domain_features[domain])
        assert [sorted(f) for f in loaded.features(doc)] == [sorted(f) for f in copied]  # the cached copies
        assert loaded.tagger.tag(with_domain(features, domain)) == loaded.tagger.tag(copied)  # unweighted ones add nothing


def test_unknown_domain_is_refused():
    with pytest.raises(ValueError, match="news, wikipedia"):
        arabic_extract.load(domain="twitter")


@needs_model
def test_wikipedia_domain_is_the_crf_alone_with_its_weights(nlp):
    wiki = arabic_extract.load(domain="wikipedia")
    assert wiki.get_pipe("arabic_crf").domain == "wikipedia" and not {"tok2vec", "ner"} & set(wiki.pipe_names)
    assert arabic_extract.load(fast=True, domain="wikipedia") is wiki
    assert nlp.get_pipe("arabic_crf").domain == "news" and "ner" in nlp.pipe_names
    assert set(nlp.get_pipe("arabic_crf").domain_features) == {"wikipedia"}  # news is the base: no copies
    text = "قال الرئيس إن الاجتماع انتهى."
    assert arabic_extract.extract(text, nlp=wiki).meta["model"].endswith("-wikipedia")
    assert arabic_extract.extract(text).meta["model"] == f"arabic_extract_news-{arabic_extract.__version__}"
