"""Train the NER model: ``arabic-extract train --data ../shared/data/ner --out models/ner``.

Trains the CNN on ``anercorp.train`` and selects the best checkpoint on ``anercorp.dev``
(test files are never read), with the config beside this file and its fixed seed, then
trains the ``arabic_crf`` component (:mod:`arabic_extract.entities.crf`) on ``anercorp.train``,
``aqmar.train`` and ``wikifane`` (WikiFANE Gold), the two Wikipedia corpora with a domain copy of
their features each (:func:`arabic_extract.entities.crf.with_domain`: their conventions differ;
news, the default, has none, so tagging news adds no copies), tags the ANT news corpus with the
CNN and that CRF and trains the CRF again with the silver words it yields (:mod:`.silver`), and
saves it into the same
pipeline, with the components after NER (names, clusters, quotes), so that ``spacy.load`` of the
folder is the whole pipeline. The config uses static floret vectors, built by
``scripts/build_vectors.py``.
Adding ``aqmar.train`` (Wikipedia) to the CNN's data lowered ``anercorp.dev`` F1 (0.70 → 0.66), so
the CNN learns from news alone.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import spacy

from ..entities.crf import WordClusters
from ..pipeline import __version__, add_components, blank
from .corpus import gold_doc, read_jsonl, to_docbin
from .silver import silver_words, tag_counts

MODEL_META = {
    "name": "arabic_extract_news",
    "description": "The whole arabic-extract pipeline for Modern Standard Arabic news: sentences, named entities "
                   "(PER, ORG, LOC, MISC) from a CNN and a CRF (news and Wikipedia domains), names the taggers "
                   "missed, mention clusters, and quotes with cue, speaker and targets (doc.ents, doc._.clusters, "
                   "doc._.quotes). Needs the arabic_extract package, which registers the components.",
    "author": "arabic-extract contributors",
    "license": "CC BY-SA 4.0",
    "sources": [
        {"name": "ANERcorp (CAMeL Lab splits)", "license": "CC BY-SA 4.0",
         "author": "Benajiba, Rosso and Benedi Ruiz (2007); Obeid et al. (2020)"},
        {"name": "AQMAR Arabic Wikipedia Named Entity Corpus (train part)", "license": "CC BY-SA 3.0",
         "author": "Mohit, Schneider, Bhowmick, Oflazer and Smith, Recall-Oriented Learning of Named Entities "
                   "in Arabic Wikipedia, EACL 2012"},
        {"name": "WikiFANE Gold", "license": "CC BY-SA 3.0",
         "author": "Alotaibi and Lee, A Hybrid Approach to Features Representation for Fine-grained Arabic "
                   "Named Entity Recognition, COLING 2014"},
        {"name": "ANT Corpus v1.1 and v2.1 (word vectors, word counts, the CRF's silver words)", "license": "Apache-2.0",
         "author": "Chouigui, Ben Khiroun and Elayeb, ANT Corpus: An Arabic News Text Collection for "
                   "Textual Classification, AICCSA 2017"},
    ],
}
CONFIG = Path(__file__).with_name("ner.cfg")
TRAIN_FILES = ("anercorp.train.jsonl",)
DEV_FILES = ("anercorp.dev.jsonl",)
CRF_TRAIN_FILES = {"anercorp.train.jsonl": None, "aqmar.train.jsonl": "wikipedia", "wikifane.jsonl": "wikifane"}


def train(data: str | Path, out: str | Path, vectors: str | Path, corpus: str | Path,
          overrides: dict | None = None) -> Path:
    """Train and write the best pipeline to ``out``: the CNN, a first CRF, the silver words of
    the news ``corpus`` tagged by both (:mod:`.silver`), then the CRF again with them; returns
    ``out``."""
    from spacy.cli.train import train as spacy_train

    data, out = Path(data), Path(out)
    if not any(Path(corpus).glob("*.txt.gz")):  # before the CNN's minutes, not after them
        raise FileNotFoundError(2, "no *.txt.gz articles there", str(corpus))
    nlp = blank()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        to_docbin(nlp, [data / f for f in TRAIN_FILES], tmp / "train.spacy")
        to_docbin(nlp, [data / f for f in DEV_FILES], tmp / "dev.spacy")
        settings = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy"),
                    "paths.vectors": str(vectors), **(overrides or {})}
        spacy_train(CONFIG, tmp / "output", overrides=settings)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(tmp / "output" / "model-best", out)
    add_crf(out, data)
    return add_crf(out, data, silver_words(tag_counts(out, corpus)), keep_clusters=True)  # the same words, fitted once


def stamp(model: Path) -> None:
    """The model's name, version, description, sources and licence in ``model/meta.json``
    (``spacy info`` shows them)."""
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(MODEL_META, version=__version__, requirements=[f"arabic-extract-news>={__version__}"])
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def add_crf(model: str | Path, data: str | Path, silver: dict[str, str] | None = None,
            keep_clusters: bool = False) -> Path:
    """Train ``arabic_crf`` on :data:`CRF_TRAIN_FILES`, each with its domain (its word clusters on
    the CNN's training and dev words; ``keep_clusters``: those of the CRF already there) and
    ``silver`` words (:mod:`.silver`), and save it after ``ner`` in the pipeline at ``model``,
    replacing an older one."""
    model, data = Path(model), Path(data)
    nlp = spacy.load(model)
    old = nlp.remove_pipe("arabic_crf")[1] if "arabic_crf" in nlp.pipe_names else None
    tagger = nlp.add_pipe("arabic_crf", after="ner")
    tokens = blank()
    docs = {f: [gold_doc(tokens, r) for r in read_jsonl(data / f)] for f in CRF_TRAIN_FILES}  # TRAIN_FILES among them
    if keep_clusters and old is not None:
        tagger.set_clusters(old.clusters)
    else:
        dev_norms = [t.norm_ for f in DEV_FILES for r in read_jsonl(data / f) for t in tokens.make_doc(r["text"])]
        words = sorted({t.norm_ for f in TRAIN_FILES for d in docs[f] for t in d} | set(dev_norms))
        tagger.set_clusters(WordClusters.fit(nlp.vocab.vectors.get_batch(words)))
    tagger.set_silver(silver or {})
    tagger.train([d for f in CRF_TRAIN_FILES for d in docs[f]],
                 [CRF_TRAIN_FILES[f] for f in CRF_TRAIN_FILES for _ in docs[f]])
    add_components(nlp).to_disk(model)
    stamp(model)
    return model
