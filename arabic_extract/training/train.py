"""Train the NER model: ``arabic-extract train --data ../shared/data/ner --out models/ner``.

Trains the CNN on ``anercorp.train`` and selects the best checkpoint on ``anercorp.dev``
(test files are never read), with the config beside this file and its fixed seed, then
trains the ``arabic_crf`` component (:mod:`arabic_extract.entities.crf`) on ``anercorp.train`` and
saves it into the same pipeline. The config uses static floret vectors, built by
``scripts/build_vectors.py``.
Adding ``aqmar.train`` (Wikipedia) lowered ``anercorp.dev`` F1 (0.70 → 0.66), so it is
left out.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import spacy

from ..entities.crf import WordClusters
from ..pipeline import __version__, blank
from .corpus import gold_doc, read_jsonl, to_docbin

MODEL_NAME = "arabic_extract_ner"
CONFIG = Path(__file__).with_name("ner.cfg")
TRAIN_FILES = ("anercorp.train.jsonl",)
DEV_FILES = ("anercorp.dev.jsonl",)


def train(data: str | Path, out: str | Path, vectors: str | Path, overrides: dict | None = None) -> Path:
    """Train and write the best pipeline to ``out``; returns ``out``."""
    from spacy.cli.train import train as spacy_train

    data, out = Path(data), Path(out)
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
    return add_crf(out, data)


def stamp(model: Path) -> None:
    """The project's name, version and the model's licence in ``model/meta.json``."""
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name=MODEL_NAME, version=__version__, license="CC BY-SA 4.0")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def add_crf(model: str | Path, data: str | Path) -> Path:
    """Train ``arabic_crf`` on the training files (its word clusters on the training and dev
    words) and save it after ``ner`` in the pipeline at ``model``, replacing an older one."""
    model, data = Path(model), Path(data)
    nlp = spacy.load(model)
    if "arabic_crf" in nlp.pipe_names:
        nlp.remove_pipe("arabic_crf")
    tagger = nlp.add_pipe("arabic_crf", after="ner")
    tokens = blank()
    train_docs = [gold_doc(tokens, r) for f in TRAIN_FILES for r in read_jsonl(data / f)]
    dev_norms = [t.norm_ for f in DEV_FILES for r in read_jsonl(data / f) for t in tokens.make_doc(r["text"])]
    words = sorted({t.norm_ for d in train_docs for t in d} | set(dev_norms))
    tagger.set_clusters(WordClusters.fit(nlp.vocab.vectors.get_batch(words)))
    tagger.train(train_docs)
    nlp.to_disk(model)
    stamp(model)
    return model
