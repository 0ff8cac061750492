"""The typed output: the JSON Schema generated from the classes, Document.from_dict, the
whole pipeline behind spacy.load, and the spaCy ways of serializing a Doc."""
import json
import subprocess
import sys

import jsonschema
import pytest
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from arabic_extract import Document, extract
from arabic_extract.document import SCHEMA_PATH, json_schema, shipped_schema
from arabic_extract.pipeline import models_dir
from conftest import ROOT, SEEDS

VALIDATOR = jsonschema.Draft202012Validator(shipped_schema())


def test_shipped_schema_is_the_generated_one():
    assert shipped_schema() == json_schema(), f"regenerate {SCHEMA_PATH.name}: python -m arabic_extract schema"


def test_schema_rejects_what_annotate_never_writes(seed_text):
    record = extract(seed_text).to_dict()
    VALIDATOR.validate(record)
    broken = [dict(record, entities=[dict(record["entities"][0], label="PERSON")]),
              dict(record, quotes=[dict(record["quotes"][0], kind="reported")]),
              {k: v for k, v in record.items() if k != "meta"},
              dict(record, extra=1),
              dict(record, entities=[dict(record["entities"][0], start="4")])]
    for b in broken:
        assert not VALIDATOR.is_valid(b), b


def test_every_line_annotate_writes_is_valid(tmp_path):
    docs = tmp_path / "in.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + [
        "", "no Arabic here", "قال الوزير «سنعمل مع مصر». وأضاف أن الاتفاق قريب.", "؟؟؟ ...", "ﷺ" * 50]
    docs.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = subprocess.run([sys.executable, "-m", "arabic_extract", "annotate", str(docs), "-o", str(out), "-j", "1"],
                       capture_output=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(texts)
    for line in lines:
        VALIDATOR.validate(json.loads(line))


def test_from_dict_gives_back_the_document(seed_text):
    doc = extract(seed_text, id="seed")
    back = Document.from_dict(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)))
    assert back == doc and back.quotes and back.quotes[0].speaker is not None


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="قال الوزير إن مصر «» . ،\nوأضاف أنه العراق", max_size=120))
def test_from_dict_round_trip_and_schema_hold_for_any_text(text):
    d = extract(text).to_dict()
    VALIDATOR.validate(d)
    assert Document.from_dict(d).to_dict() == d


def test_from_dict_names_the_wrong_field():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="label"):
        Document.from_dict({"text": "x", "entities": [{"text": "x", "start": 0, "end": 1, "label": "PERSON"}]})


def test_spacy_load_of_the_shipped_model_is_the_whole_pipeline(seed_text):
    """In a fresh interpreter that never imports arabic_extract itself: the entry points
    register the components."""
    script = f"""
import json, spacy, sys
doc = spacy.load({str(models_dir() / 'ner')!r})({seed_text!r})
print(json.dumps({{"ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
                  "quotes": [q.to_dict() for q in doc._.quotes],
                  "clusters": [c.to_dict() for c in doc._.clusters]}}, ensure_ascii=False))
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd="/", text=True)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    import arabic_extract
    doc = arabic_extract.load()(seed_text)
    assert got["quotes"] and got["clusters"]
    assert got == {"ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
                   "quotes": [q.to_dict() for q in doc._.quotes],
                   "clusters": [c.to_dict() for c in doc._.clusters]}


def test_model_meta_names_version_sources_and_licence():
    meta = json.loads((models_dir() / "ner" / "meta.json").read_text(encoding="utf-8"))
    import arabic_extract
    assert meta["version"] == arabic_extract.__version__ and meta["license"] == "CC BY-SA 4.0"
    assert meta["pipeline"] == list(arabic_extract.load().pipe_names)
    assert {"ANERcorp", "AQMAR", "WikiFANE", "ANT"} <= {s["name"].split()[0] for s in meta["sources"]}
    r = subprocess.run([sys.executable, "-m", "spacy", "info", str(models_dir() / "ner")], capture_output=True,
                       text=True)
    assert r.returncode == 0 and "arabic_extract_news" in r.stdout and "arabic_quotes" in r.stdout


def test_doc_to_json_with_the_extensions(nlp, seed_text):
    doc = nlp(seed_text)
    data = srsly.json_loads(srsly.json_dumps(doc.to_json(underscore=["quotes", "clusters"])))
    assert len(data["_"]["quotes"]) == len(doc._.quotes) > 0
    for q in data["_"]["quotes"]:
        for part in ("content", "cue", "speaker"):
            if q[part]:
                assert seed_text[q[part]["start"]:q[part]["end"]] == q[part]["text"]
    assert [c["name"] for c in data["_"]["clusters"]] == [c.name for c in doc._.clusters]


def test_docbin_with_user_data_keeps_quotes_and_clusters(nlp, seed_text):
    doc = nlp(seed_text)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = next(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert [q.to_dict() for q in back._.quotes] == [q.to_dict() for q in doc._.quotes]
    assert [c.to_dict() for c in back._.clusters] == [c.to_dict() for c in doc._.clusters]
    lost = next(DocBin(store_user_data=False, docs=[doc]).from_bytes(
        DocBin(store_user_data=False, docs=[doc]).to_bytes()).get_docs(nlp.vocab))
    assert lost._.quotes == []


def test_conll_output_reads_in_spacy_convert(tmp_path):
    out = tmp_path / "seed.conll"
    r = subprocess.run([sys.executable, "-m", "arabic_extract", "annotate", *map(str, SEEDS),
                        "--format", "conll", "-o", str(out), "-j", "1"], capture_output=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()
    r = subprocess.run([sys.executable, "-m", "spacy", "convert", str(out), str(tmp_path), "-c", "ner"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    import spacy
    docs = list(DocBin().from_disk(tmp_path / "seed.spacy").get_docs(spacy.blank("ar").vocab))
    assert len(docs) == len(SEEDS)
    expected = extract(SEEDS[0].read_text(encoding="utf-8"))
    assert [e.text for e in docs[0].ents] == [e.text for e in expected.entities]
