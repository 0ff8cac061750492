"""The output formats of a batch run: a :class:`~arabic_extract.document.Document` as a JSON
line (the schema), CoNLL (token TAB BIO tag) or an HTML fragment.
"""
from __future__ import annotations

import json

from spacy.language import Language

from ..pipeline import SURROGATE_RE, chunks
from .html import render_document

FORMATS = ("jsonl", "conll", "html")


def to_json_line(record: dict) -> bytes:
    """One JSON line; a lone surrogate in a string is written as its ``\\udXXX`` escape."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")


def to_conll(doc, nlp: Language) -> str:
    """``# id = ...`` then one ``token<TAB>BIO-tag`` line per token of ``nlp``'s tokenizer, and
    a blank line."""
    lines, ents, k = [f"# id = {doc.id}"], doc.entities, 0
    for offset, piece in chunks(SURROGATE_RE.sub("\ufffd", doc.text)):
        for token in nlp.make_doc(piece):
            if token.is_space:
                continue
            start = offset + token.idx
            while k < len(ents) and ents[k].end <= start:
                k += 1
            tag = "O"
            if k < len(ents) and ents[k].start <= start:
                tag = ("B-" if ents[k].start == start else "I-") + ents[k].label
            lines.append(f"{doc.text[start:start + len(token)]}\t{tag}")
    return "\n".join(lines) + "\n\n"


def render(doc, fmt: str, nlp: Language) -> bytes:
    """``doc`` (a :class:`~arabic_extract.document.Document`) in output format ``fmt``; ``nlp``
    tokenizes it for CoNLL."""
    if fmt == "jsonl":
        return to_json_line(doc.to_dict())
    if fmt == "conll":
        return to_conll(doc, nlp).encode("utf-8", "backslashreplace")
    return render_document(doc.to_dict()).encode("utf-8", "backslashreplace")
