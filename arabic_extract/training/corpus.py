"""Read ``shared/data/ner`` JSONL sentences into spaCy ``Doc`` objects with gold entities, and
the articles of the ANT news corpus (``shared/data/corpus``).

Gold spans come as character offsets on the corpus' words, which may carry an
attached proclitic (والصين). Our tokenizer splits it off, and the entity span is
the part after the clitic, as everywhere in this project.
"""
from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..text.clitics import strip_clitics


def read_jsonl(path: str | Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def corpus_articles(corpus: str | Path, limit: int | None = None) -> Iterator[str]:
    """The articles of the ANT corpus folder ``corpus``, one per line of its ``*.txt.gz`` files
    in file-name order, as written (line end included); the first ``limit`` of them."""
    def lines() -> Iterator[str]:
        for path in sorted(Path(corpus).glob("*.txt.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                yield from f
    return islice(lines(), limit)


def gold_doc(nlp: Language, record: dict) -> Doc:
    """The tokenized sentence with its gold entities, clitics outside the spans."""
    doc = nlp.make_doc(record["text"])
    spans = []
    for ent in record["entities"]:
        span = doc.char_span(ent["start"], ent["end"], label=ent["label"], alignment_mode="expand")
        if span is None:
            continue
        spans.append(strip_clitics(span))
    doc.ents = spans
    return doc


def to_docbin(nlp: Language, paths: Iterable[str | Path], out: str | Path) -> int:
    """Write the gold docs of ``paths`` to a ``.spacy`` file; returns the number of docs."""
    db = DocBin(store_user_data=False)
    n = 0
    for path in paths:
        for record in read_jsonl(path):
            db.add(gold_doc(nlp, record))
            n += 1
    db.to_disk(out)
    return n
