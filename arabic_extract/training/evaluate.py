"""Evaluate the NER model on a gold JSONL file with the project's word-level scorer.

Predictions are made with :func:`arabic_extract.extract_many` and scored by
``shared/tools/ner_score.py`` (run as a subprocess, so the figures are exactly
the ones everyone reports).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..pipeline import extract_many, load
from .corpus import read_jsonl

DEFAULT_SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "ner_score.py"


def predict(gold: str | Path, model: str | Path | None = "ner", out: str | Path | None = None,
            batch_size: int = 64, fast: bool = False, domain: str = "news") -> tuple[Path, int, float]:
    """Write ``{"id", "entities"}`` per gold sentence; returns (path, words, seconds)."""
    records = list(read_jsonl(gold))
    nlp = load(model, fast, domain)
    out = Path(out or tempfile.mkstemp(suffix=".jsonl")[1])
    words = sum(len(r["tokens"]) for r in records)
    t0 = time.perf_counter()
    docs = list(extract_many((r["text"] for r in records), ids=(r["id"] for r in records),
                             batch_size=batch_size, nlp=nlp))
    seconds = time.perf_counter() - t0
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d.id, "entities": [e.to_dict() for e in d.entities]},
                               ensure_ascii=False) + "\n")
    return out, words, seconds


def evaluate(gold: str | Path, model: str | Path | None = "ner", scorer: str | Path = DEFAULT_SCORER,
             fast: bool = False, domain: str = "news") -> dict:
    """Score ``model`` (``fast``: its CRF alone; ``domain``: see :func:`~arabic_extract.pipeline.load`) on ``gold``; prints the scorer's table and
    returns its JSON line plus ``words_per_s`` (``extract_many``, one process)."""
    if not Path(scorer).exists():
        raise FileNotFoundError(f"scorer not found: {scorer} (pass --scorer)")
    pred, words, seconds = predict(gold, model, fast=fast, domain=domain)
    r = subprocess.run([sys.executable, str(scorer), str(gold), "--pred", str(pred)],
                       capture_output=True, text=True, check=True)
    lines = r.stdout.strip().splitlines()
    print("\n".join(lines[:-1]))
    result = json.loads(lines[-1])
    result["words_per_s"] = round(words / seconds)
    print(f"speed  {result['words_per_s']:,} words/s (extract_many, one process)")
    return result
