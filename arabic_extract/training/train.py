"""Train the NER model: ``arabic-extract train --data ../shared/data/ner --out models/ner``.

Trains on ``anercorp.train`` and selects the best checkpoint on ``anercorp.dev``
(test files are never read), with the config beside this file and its fixed seed.
The config uses static floret vectors, built by ``scripts/build_vectors.py``.
Adding ``aqmar.train`` (Wikipedia) lowered ``anercorp.dev`` F1 (0.70 → 0.66), so it is
left out.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from ..pipeline import __version__, blank
from .corpus import to_docbin

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
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name=MODEL_NAME, version=__version__, license="CC BY-SA 4.0")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return out
