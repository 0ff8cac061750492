"""The output formats of a batch run: a :class:`~arabic_extract.document.Document` as a JSON
line (the schema), CoNLL-2003 (token TAB BIO tag, as ``spacy convert`` reads it) or an HTML fragment.
"""
from __future__ import annotations

import json
import re

from spacy.language import Language

from ..pipeline import SURROGATE_RE, chunks
from ..text.sentences import set_sentence_starts
from .html import render_document

FORMATS = ("jsonl", "conll", "html")
DOCSTART = "-DOCSTART- -X- O O"
SPACE_RE = re.compile(r"\s")


def to_json_line(record: dict) -> bytes:
    """One JSON line; a lone surrogate in a string is written as its ``\\udXXX`` escape."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")


def to_conll(doc, nlp: Language) -> str:
    """The document in CoNLL-2003 as ``spacy convert -c ner`` reads it: ``-DOCSTART- -X- O O``,
    then one ``token<TAB>BIO-tag`` line per token of ``nlp``'s tokenizer, a blank line after each
    sentence (:mod:`~arabic_extract.text.sentences`). A token's inner spaces become ``_`` (the
    format splits columns at spaces); the id is not kept (use jsonl for ids)."""
    lines, ents, k = [DOCSTART, ""], doc.entities, 0
    for offset, piece in chunks(SURROGATE_RE.sub("\ufffd", doc.text)):
        for token in set_sentence_starts(nlp.make_doc(piece)):
            if token.is_space:
                continue
            if token.is_sent_start and lines[-1]:
                lines.append("")
            start = offset + token.idx
            while k < len(ents) and ents[k].end <= start:
                k += 1
            tag = "O"
            if k < len(ents) and ents[k].start <= start:
                tag = ("B-" if ents[k].start == start else "I-") + ents[k].label
            lines.append(f"{SPACE_RE.sub('_', doc.text[start:start + len(token)])}\t{tag}")
    if lines[-1]:
        lines.append("")
    return "\n".join(lines) + "\n"


def render(doc, fmt: str, nlp: Language) -> bytes:
    """``doc`` (a :class:`~arabic_extract.document.Document`) in output format ``fmt``; ``nlp``
    tokenizes it for CoNLL."""
    if fmt == "jsonl":
        return to_json_line(doc.to_dict())
    if fmt == "conll":
        return to_conll(doc, nlp).encode("utf-8", "backslashreplace")
    return render_document(doc.to_dict()).encode("utf-8", "backslashreplace")
